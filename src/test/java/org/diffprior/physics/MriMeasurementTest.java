package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.diffprior.core.InvalidInputException;
import org.diffprior.solver.ConjugateGradient;
import org.junit.jupiter.api.Test;

/** The shared MRI measurement: scale, normalised data, image spaces and the calibration phase. */
class MriMeasurementTest {

    private static final int SIZE = 32;

    /** k-space of a complex image (single coil) through the full centred FFT, then masked to zero. */
    private static CoilArray kspace(float[] image, float[] mask) {
        float[] k = image.clone();
        new CenteredFft2(SIZE, SIZE).forward(k);
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0) {
                k[2 * i] = 7; // unsampled values must be ignored, whatever they hold
                k[2 * i + 1] = -7;
            }
        }
        return new CoilArray(SIZE, SIZE, 1, k);
    }

    @Test
    void dataAreTheSampledValuesOverTheRobustMaximumOfTheZeroFilledImage() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 2, 0.25, 1);
        float[] image = MriPhantoms.ellipses(SIZE, SIZE, true);
        CoilArray k = kspace(image, mask);
        MriMeasurement m = MriMeasurement.of(k, mask, null);
        float[] maskedK = k.data().clone();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0) {
                maskedK[2 * i] = 0;
                maskedK[2 * i + 1] = 0;
            }
        }
        float[] zeroFilled = new float[2 * SIZE * SIZE];
        new CartesianMri(SIZE, SIZE, mask).adjoint(maskedK, zeroFilled);
        float[] magnitudes = new float[SIZE * SIZE];
        for (int i = 0; i < magnitudes.length; i++) {
            magnitudes[i] = (float) Math.hypot(zeroFilled[2 * i], zeroFilled[2 * i + 1]);
        }
        Arrays.sort(magnitudes);
        assertEquals(magnitudes[(int) Math.floor(0.99 * magnitudes.length)], m.scale(), 1e-6);
        for (int i = 0; i < mask.length; i++) {
            assertEquals(maskedK[2 * i] / m.scale(), m.data()[2 * i], 1e-6);
            assertEquals(maskedK[2 * i + 1] / m.scale(), m.data()[2 * i + 1], 1e-6);
        }
        assertEquals(2 * SIZE * SIZE, m.imageValues());
        assertFalse(m.realImages());
    }

    @Test
    void calibrationPhaseRecoversASmoothPhaseInsideTheObject() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 2, 0.25, 2);
        float[] magnitude = MriPhantoms.magnitude(MriPhantoms.ellipses(SIZE, SIZE, false));
        float[] image = new float[2 * SIZE * SIZE];
        float[] phase = new float[SIZE * SIZE];
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) (0.8 * Math.sin(2 * Math.PI * (i % SIZE) / SIZE / 2)); // one smooth half period
            image[2 * i] = (float) (magnitude[i] * Math.cos(phase[i]));
            image[2 * i + 1] = (float) (magnitude[i] * Math.sin(phase[i]));
        }
        MriMeasurement m = MriMeasurement.of(kspace(image, mask), mask, null).underCalibrationPhase();
        assertTrue(m.realImages() && m.estimatedPhase());
        assertEquals(SIZE * SIZE, m.imageValues());
        // The real image m under the estimated phase: the complex image it stands for has the true phase.
        float[] ones = new float[SIZE * SIZE];
        Arrays.fill(ones, 1f);
        float[] estimated = m.toComplex(ones);
        double worst = 0;
        for (int i = 0; i < phase.length; i++) {
            if (magnitude[i] > 0.5 * Arrays.stream(box(magnitude)).max().orElse(0)) {
                double error = Math.abs(Math.atan2(estimated[2 * i + 1], estimated[2 * i]) - phase[i]);
                worst = Math.max(worst, error);
            }
        }
        assertTrue(worst < 0.15, "worst phase error inside the object " + worst);
        assertFalse(MriMeasurement.of(kspace(image, mask), mask, null).realObject().estimatedPhase());
    }

    @Test
    void severalCoilsGiveAPhaseBeyondTheCalibrationCentre() {
        // A 2-D Poisson-disc mask at R = 8 samples a 5×5 centre: the calibration image is too coarse for a phase of
        // a few low frequencies (up to about ±1.5 rad), the low-passed least-squares image of all 8 coils is not.
        int size = 128;
        int coils = 8;
        float[] mask = SamplingMasks.poissonDisc2d(size, size, 8, SamplingMasks.defaultCenterFraction(8), 5);
        CoilArray maps = CoilSensitivities.simulate(size, size, coils);
        float[] magnitude = MriPhantoms.magnitude(MriPhantoms.ellipses(size, size, false));
        float[] image = new float[2 * size * size];
        float[] phase = new float[size * size];
        for (int i = 0; i < phase.length; i++) {
            int row = i / size;
            int col = i % size;
            phase[i] = (float) (0.6 * Math.cos(Math.PI * (2 * row + col) / size + 1)
                    + 0.5 * Math.cos(Math.PI * 2 * col / size)
                    + 0.4 * Math.cos(Math.PI * (row + 2 * col) / size + 2));
            image[2 * i] = (float) (magnitude[i] * Math.cos(phase[i]));
            image[2 * i + 1] = (float) (magnitude[i] * Math.sin(phase[i]));
        }
        MultiCoilCartesianMri a = new MultiCoilCartesianMri(size, size, mask, maps.data(), coils);
        float[] k = new float[a.outputSize()];
        a.apply(image, k);
        MriMeasurement m = MriMeasurement.of(new CoilArray(size, size, coils, k), mask, maps);
        // The estimate: the least-squares image of all coils (CG on the normal equations).
        float[] estimate = new float[2 * size * size];
        float[] rhs = new float[2 * size * size];
        a.adjoint(m.data(), rhs);
        ConjugateGradient.solve(a::normal, rhs, estimate, 30, 1e-6);
        double calibration = meanPhaseError(m.underCalibrationPhase(), magnitude, phase);
        double fromAllData = meanPhaseError(m.underPhaseOf(estimate, 0.25), magnitude, phase);
        assertTrue(fromAllData < calibration / 3, "magnitude-weighted mean phase error: all data " + fromAllData
                + ", calibration centre " + calibration);
    }

    /** |φ̂ − φ| (wrapped) averaged with the magnitude as weight: what a phase error costs the image. */
    private static double meanPhaseError(MriMeasurement m, float[] magnitude, float[] phase) {
        float[] ones = new float[phase.length];
        Arrays.fill(ones, 1f);
        float[] complex = m.toComplex(ones);
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < phase.length; i++) {
            double error = Math.IEEEremainder(Math.atan2(complex[2 * i + 1], complex[2 * i]) - phase[i], 2 * Math.PI);
            sum += magnitude[i] * Math.abs(error);
            weight += magnitude[i];
        }
        return sum / weight;
    }

    @Test
    void noiseVarianceCountsTheSampledRealValuesOfEveryCoil() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 4, 0.125, 3);
        int coils = 3;
        float[] maps = CoilSensitivities.simulate(SIZE, SIZE, coils).data();
        float[] k = new float[2 * coils * SIZE * SIZE];
        Arrays.fill(k, 1f);
        MriMeasurement m = MriMeasurement.of(new CoilArray(SIZE, SIZE, coils, k), mask,
                new CoilArray(SIZE, SIZE, coils, maps), 2);
        long sampled = 0;
        for (float v : mask) {
            sampled += v != 0 ? 1 : 0;
        }
        assertEquals(2.0 * coils * sampled * 0.01 / 4, m.noiseVariance(0.1), 1e-12);
        assertEquals(2, m.scale());
        assertTrue(m.multiCoil());
    }

    @Test
    void newDataKeepScaleAndPhase() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 4, 0.25, 4);
        float[] full = new float[SIZE * SIZE];
        Arrays.fill(full, 1f);
        float[] image = MriPhantoms.ellipses(SIZE, SIZE, true);
        MriMeasurement first = MriMeasurement.of(kspace(image, mask), mask, null).underCalibrationPhase();
        MriMeasurement later = first.withData(kspace(image, full), full);
        assertEquals(first.scale(), later.scale());
        assertArrayEquals(first.toComplex(magnitudeOf(image)), later.toComplex(magnitudeOf(image)));
        assertTrue(later.estimatedPhase());
    }

    @Test
    void badInputIsOneLineNamingTheFix() {
        float[] mask = new float[SIZE * SIZE];
        CoilArray zero = new CoilArray(SIZE, SIZE, 1, new float[2 * SIZE * SIZE]);
        assertTrue(assertThrows(InvalidInputException.class, () -> MriMeasurement.of(zero, mask, null)).getMessage()
                .contains("zero where the mask samples"));
        assertThrows(InvalidInputException.class, () -> MriMeasurement.of(zero, new float[10], null));
        CoilArray twoCoils = new CoilArray(SIZE, SIZE, 2, new float[4 * SIZE * SIZE]);
        assertTrue(assertThrows(InvalidInputException.class, () -> MriMeasurement.of(twoCoils, mask, null)).getMessage()
                .contains("needs coil sensitivities"));
        assertThrows(InvalidInputException.class, () -> MriMeasurement.of(zero, mask, null, Double.NaN));
    }

    private static float[] magnitudeOf(float[] complex) {
        return MriPhantoms.magnitude(complex);
    }

    private static double[] box(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
