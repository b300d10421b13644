package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CtAngles;
import org.junit.jupiter.api.Test;

/** The montage has one panel per picture it shows, and checks its reference before the work is wasted. */
class ReconstructionMontageTest {

    private static final int SIZE = 32;

    /** How many panels of one cell each (32² images give 256² cells, 10 px apart) a montage holds. */
    private static int panels(BufferedImage montage) {
        return (montage.getWidth() - 10) / (256 + 10);
    }

    private static FloatImage picture() {
        return FloatImage.of(SIZE, SIZE, BlobImages.blobs(1, SIZE, 3)[0]);
    }

    @Test
    void classicalSuperResolutionShowsInputAndResult() {
        FloatImage truth = picture();
        FloatImage lowRes = SrInterpolation.degrade(truth, 2, "bicubic", 0, 0);
        SrRequest request = SrRequest.builder(lowRes, 2).method("lanczos").build();
        List<DiffusionOutput> planes = SrTask.run(request, ProgressListener.NONE, CancelToken.none());
        assertEquals(2, panels(ReconstructionMontage.sr(request, planes, truth, ProgressListener.NONE,
                CancelToken.none())));
    }

    @Test
    void diffusionAddsAClassicalPanelAndTheStdMap() {
        FloatImage lowRes = SrInterpolation.degrade(picture(), 2, "bicubic", 0, 0);
        SrRequest request = SrRequest.builder(lowRes, 2).diffusion(() -> new DiffusionSettings(2, 2, 0, 0, 1)).build();
        List<DiffusionOutput> planes = SrTask.run(request, ProgressListener.NONE, CancelToken.none());
        assertEquals(4, panels(ReconstructionMontage.sr(request, planes, null, ProgressListener.NONE,
                CancelToken.none())));
    }

    @Test
    void ctAndMriShowTheirMeasurementBesideTheResult() {
        FloatImage truth = picture();
        double[] angles = CtAngles.equispaced(0, 180, 20);
        FloatImage sinogram = FloatImage.of(SIZE, 20, CtSimulation.sinogram(truth.data(), SIZE, angles, 0,
                CtRequest.DEFAULT_ATTENUATION_PER_PIXEL, 0));
        CtRequest ct = CtRequest.builder(sinogram, angles).method("fbp").build();
        assertEquals(2, panels(ReconstructionMontage.ct(ct, CtTask.run(ct, ProgressListener.NONE,
                CancelToken.none()).planes(), truth, ProgressListener.NONE, CancelToken.none())));
        MriSimulation.Result sim = MriSimulation.simulate(truth.data(), SIZE, SIZE,
                new MriSimulation.Settings(2, "equispaced", Double.NaN, 1, 0, 0));
        MriRequest mri = MriRequest.builder(List.of(sim.kspace())).mask(sim.mask()).method("tv").noiseSigma(0).build();
        BufferedImage montage = ReconstructionMontage.mri(mri, MriTask.run(mri, ProgressListener.NONE,
                CancelToken.none()).planes(), truth, ProgressListener.NONE, CancelToken.none());
        assertEquals(2, panels(montage));
        assertTrue(montage.getHeight() > 256, "titles and figures around the cells");
    }

    @Test
    void aReferenceOfAnotherSizeIsAKeyedError() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ReconstructionMontage.checkReference(FloatImage.of(4, 4, new float[16]), 8, 8, 1));
        assertTrue(e.message(key -> "--" + key).startsWith("--reference is 4x4x1 but the output is 8x8x1"),
                e.getMessage());
    }
}
