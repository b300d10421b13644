package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelBeamProjectorTest {

    @ParameterizedTest
    @ValueSource(ints = {32, 33, 64})
    void adjointIsTheTransposeInTheDotProductTest(int size) {
        double[] angles = {0, 12.5, 45, 90, 91.7, 133, 179.9, 250};
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        double mismatch = CtSrFixtures.adjointMismatch(projector, size);
        assertTrue(mismatch < 1e-5, "adjoint mismatch " + mismatch);
    }

    @Test
    void projectionsMatchScikitImageRadon() {
        float[] phantom = CtSrFixtures.load("ct_phantom_64x64.f32", 64 * 64);
        double[] angles = CtSrFixtures.toDouble(CtSrFixtures.load("ct_angles_12.f32", 12));
        float[] reference = CtSrFixtures.load("ct_phantom_radon_12x64.f32", 12 * 64);
        ParallelBeamProjector projector = new ParallelBeamProjector(64, angles);
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(phantom, sinogram);
        double error = CtSrFixtures.relativeError(reference, sinogram);
        System.out.printf("ParallelBeamProjector vs skimage radon: relative L2 error %.3e%n", error);
        assertTrue(error < 1e-5, "relative error " + error);
    }

    @Test
    void ignoresEverythingOutsideTheInscribedCircle() {
        ParallelBeamProjector projector = new ParallelBeamProjector(16, new double[] {0, 30, 60});
        float[] corner = new float[16 * 16];
        corner[0] = 1f; // (0, 0) lies outside the circle of radius 8 around (8, 8)
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(corner, sinogram);
        for (float value : sinogram) {
            assertEquals(0f, value);
        }
        float[] back = new float[16 * 16];
        java.util.Arrays.fill(sinogram, 1f);
        projector.adjoint(sinogram, back);
        assertEquals(0f, back[0]);
        assertTrue(back[8 * 16 + 8] > 0);
    }

    @Test
    void centralPixelProjectsOntoTheCentralBin() {
        ParallelBeamProjector projector = new ParallelBeamProjector(15, new double[] {0, 37, 90, 163});
        float[] dot = new float[15 * 15];
        dot[7 * 15 + 7] = 1f;
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(dot, sinogram);
        for (int view = 0; view < 4; view++) {
            for (int bin = 0; bin < 15; bin++) {
                assertTrue(sinogram[view * 15 + bin] <= sinogram[view * 15 + 7], "view " + view + " bin " + bin);
            }
        }
        // Axis-aligned rays sample pixel centres exactly: all of the pixel lands in the central bin.
        assertEquals(1.0, sinogram[7], 1e-6);
        assertEquals(1.0, sinogram[2 * 15 + 7], 1e-6);
    }
}
