package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.diffprior.classical.CtReconstruction;
import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Stacks;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.ParallelBeamProjector;
import org.junit.jupiter.api.Test;

/**
 * The settings the command line passes to the classical task classes do what they say: a single coil with its
 * own sensitivity map, CT settings and their defaults, CT simulation, stack degradation with seeded Gaussian noise.
 */
class ClassicalTasksTest {

    private static final int SIZE = 24;

    /** A smooth blob on a vertical ramp: structure at low and high frequencies, no symmetry. */
    private static float[] picture() {
        float[] image = new float[SIZE * SIZE];
        for (int i = 0; i < image.length; i++) {
            int x = i % SIZE;
            int y = i / SIZE;
            image[i] = (float) (Math.exp(-((x - 10) * (x - 10) + (y - 13) * (y - 13)) / 20.0) + 0.02 * y);
        }
        return image;
    }

    @Test
    void singleCoilWithSensitivitiesMeasuresThePictureWeightedByItsMap() {
        MriSimulation.Settings settings = new MriSimulation.Settings(3, "random", Double.NaN, 1, 0, 5);
        MriSimulation.Result plain = MriSimulation.simulate(picture(), SIZE, SIZE, settings);
        MriSimulation.Result mapped = MriSimulation.simulate(picture(), SIZE, SIZE, settings, true);
        assertNull(plain.sensitivities(), "one plain coil has no map");
        assertNotNull(mapped.sensitivities());
        assertArrayEquals(plain.mask(), mapped.mask(), "the map does not change the mask");
        // Reference: the single-coil Fourier sampling of picture × S, multiplied out here.
        float[] map = mapped.sensitivities().data();
        float[] pixels = picture();
        float[] weighted = new float[2 * SIZE * SIZE];
        float[] unweighted = new float[2 * SIZE * SIZE];
        for (int i = 0; i < SIZE * SIZE; i++) {
            weighted[2 * i] = pixels[i] * map[2 * i];
            weighted[2 * i + 1] = pixels[i] * map[2 * i + 1];
            unweighted[2 * i] = pixels[i];
        }
        CartesianMri fourier = new CartesianMri(SIZE, SIZE, plain.mask());
        float[] expected = new float[fourier.outputSize()];
        fourier.apply(weighted, expected);
        assertArrayEquals(expected, mapped.kspace().data(), 1e-5f);
        float[] uniform = new float[fourier.outputSize()];
        fourier.apply(unweighted, uniform);
        assertArrayEquals(uniform, plain.kspace().data(), 1e-5f);
    }

    @Test
    void ctSettingsWithZeroIterationsUseTheMethodDefaults() {
        double[] angles = CtAngles.parse("0:180:16");
        float[] sinogram = new float[angles.length * SIZE];
        new ParallelBeamProjector(SIZE, angles).apply(picture(), sinogram);
        CtReconstruction.Settings defaults = CtReconstruction.Settings.defaults(FbpFilter.RAM_LAK, angles.length);
        float[] byDefault = CtReconstruction.run(sinogram, angles, SIZE, SIZE, CtReconstruction.Method.SART, defaults,
                ProgressListener.NONE, CancelToken.none());
        float[] explicit = CtReconstruction.run(sinogram, angles, SIZE, SIZE, CtReconstruction.Method.SART,
                new CtReconstruction.Settings(FbpFilter.RAM_LAK, CtReconstruction.DEFAULT_SART_ITERATIONS,
                        CtReconstruction.DEFAULT_SART_SUBSETS, CtReconstruction.DEFAULT_SART_RELAXATION, 0),
                ProgressListener.NONE, CancelToken.none());
        assertArrayEquals(explicit, byDefault);
        float[] oneSweep = CtReconstruction.run(sinogram, angles, SIZE, SIZE, CtReconstruction.Method.SART,
                new CtReconstruction.Settings(FbpFilter.RAM_LAK, 1, 10, 0.9, 0), ProgressListener.NONE,
                CancelToken.none());
        assertFalse(Arrays.equals(oneSweep, byDefault), "iterations reach the solver");
    }

    @Test
    void ctRejectsSettingsTheMethodCannotUseAsBadInput() {
        double[] angles = CtAngles.parse("0:180:6");
        float[] sinogram = new float[angles.length * SIZE];
        CtReconstruction.Settings tooManySubsets = new CtReconstruction.Settings(FbpFilter.RAM_LAK, 0, 7, 0.9, 0);
        assertThrows(InvalidInputException.class, () -> CtReconstruction.run(sinogram, angles, SIZE, SIZE,
                CtReconstruction.Method.SART, tooManySubsets, ProgressListener.NONE, CancelToken.none()));
        CtReconstruction.Settings defaults = CtReconstruction.Settings.defaults(FbpFilter.HANN, angles.length);
        assertThrows(InvalidInputException.class, () -> CtReconstruction.run(sinogram, angles, SIZE, SIZE + 2,
                CtReconstruction.Method.TV, defaults, ProgressListener.NONE, CancelToken.none()));
        assertEquals((SIZE + 2) * (SIZE + 2), CtReconstruction.run(sinogram, angles, SIZE, SIZE + 2,
                CtReconstruction.Method.FBP, defaults, ProgressListener.NONE, CancelToken.none()).length,
                "FBP may reconstruct another size");
        assertThrows(InvalidInputException.class, () -> new CtReconstruction.Settings(FbpFilter.HANN, 0, 1, 1, -1));
    }

    @Test
    void ctSimulationIsTheProjectionPlusSeededPhotonNoiseOnlyWhenPhotonsAreGiven() {
        double[] angles = CtAngles.parse("0:180:9");
        float[] projection = new float[angles.length * SIZE];
        new ParallelBeamProjector(SIZE, angles).apply(picture(), projection);
        assertArrayEquals(projection, CtSimulation.sinogram(picture(), SIZE, angles, 0, 0.02, 3));
        float[] noisy = CtSimulation.sinogram(picture(), SIZE, angles, 1e3, 0.02, 3);
        assertFalse(Arrays.equals(projection, noisy));
        assertArrayEquals(noisy, CtSimulation.sinogram(picture(), SIZE, angles, 1e3, 0.02, 3), "same seed, same noise");
        assertFalse(Arrays.equals(noisy, CtSimulation.sinogram(picture(), SIZE, angles, 1e3, 0.02, 4)));
    }

    @Test
    void planeByPlaneStacksEachPlaneInOrderAndRefusesAWrongSize() {
        FloatImage stack = Stacks.planeByPlane(3, 2, 1, z -> new float[] {z, 10 * z});
        assertEquals(3, stack.slices());
        assertArrayEquals(new float[] {0, 0, 1, 10, 2, 20}, stack.data());
        assertThrows(IllegalStateException.class, () -> Stacks.planeByPlane(2, 2, 2, z -> new float[3]));
    }

    @Test
    void stackDegradationAddsSeededGaussianNoiseOfTheGivenSigma() {
        int scale = 2;
        float[] first = picture();
        float[] second = new float[first.length];
        for (int i = 0; i < second.length; i++) {
            second[i] = 1 - first[i];
        }
        float[] both = new float[2 * first.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        FloatImage stack = new FloatImage(SIZE, SIZE, 2, both);
        FloatImage clean = SrInterpolation.degrade(stack, scale, "box", 0, 1);
        assertArrayEquals(SrInterpolation.degrade(first, SIZE, SIZE, scale, "box"), clean.slice(0));
        assertArrayEquals(SrInterpolation.degrade(second, SIZE, SIZE, scale, "box"), clean.slice(1));
        double sigma = 0.1;
        FloatImage noisy = SrInterpolation.degrade(stack, scale, "box", sigma, 1);
        assertArrayEquals(noisy.data(), SrInterpolation.degrade(stack, scale, "box", sigma, 1).data(),
                "same seed, same noise");
        assertFalse(Arrays.equals(noisy.data(), SrInterpolation.degrade(stack, scale, "box", sigma, 2).data()));
        double sum = 0;
        double sumSquares = 0;
        int n = noisy.data().length;
        for (int i = 0; i < n; i++) {
            double residual = noisy.data()[i] - clean.data()[i];
            sum += residual;
            sumSquares += residual * residual;
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSquares / n - mean * mean);
        // 288 normal draws: the sample mean lies within 4 standard errors (4σ/√n ≈ 0.024) and the sample
        // standard deviation within ±20 % of σ with overwhelming probability.
        assertTrue(Math.abs(mean) < 4 * sigma / Math.sqrt(n), "mean " + mean);
        assertEquals(sigma, std, 0.2 * sigma);
        assertThrows(InvalidInputException.class, () -> SrInterpolation.degrade(stack, scale, "box", -1, 1));
    }
}
