package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The MRI request owns its defaults, resolves auto (noise, maps) and reports bad values by parameter. */
class MriRequestTest {

    private static final int SIZE = 64;
    private static final double SIGMA = 0.05;

    /** Complex Gaussian k-space of standard deviation σ per part: noise everywhere, the corners included. */
    private static CoilArray noise(int coils, long seed) {
        Random random = new Random(seed);
        float[] data = new float[2 * coils * SIZE * SIZE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (SIGMA * random.nextGaussian());
        }
        return new CoilArray(SIZE, SIZE, coils, data);
    }

    private static FloatImage ones(int planes) {
        float[] data = new float[planes * SIZE * SIZE];
        Arrays.fill(data, 1f);
        return new FloatImage(SIZE, SIZE, planes, data);
    }

    /** Only the 8 centre columns sampled: no corner point to estimate the noise from. */
    private static float[] centreColumns() {
        float[] mask = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = SIZE / 2 - 4; x < SIZE / 2 + 4; x++) {
                mask[y * SIZE + x] = 1;
            }
        }
        return mask;
    }

    private static MriRequest.Builder twoSlices() {
        return MriRequest.builder(List.of(noise(1, 1), noise(1, 2))).mask(ones(1), "mask.tif");
    }

    private static String keyOf(Executable build) {
        return assertThrows(InvalidInputException.class, build).parameter().orElse("none");
    }

    @Test
    void aClassicalMethodResolvesItsDefaultsAndNeedsNoPrior() {
        MriRequest request = twoSlices().method(" L1-Wavelet ").diffusion(() -> {
            throw new AssertionError("asked for diffusion settings");
        }).build();
        assertEquals(MriMethod.L1_WAVELET, request.method());
        assertFalse(request.usesPrior());
        assertEquals(2, request.slices());
        assertEquals(2, request.masks().size(), "one mask plane for every slice");
        assertArrayEquals(request.masks().get(0), request.masks().get(1));
        assertTrue(Double.isNaN(request.lambda()), "the method's default weight");
        assertEquals(0, request.iterations(), "the method's default iterations");
        assertEquals(DiffusionSettings.DEFAULT_SEED, request.seed());
        assertNull(request.sensitivities());
        assertFalse(request.estimateSensitivities());
        assertEquals(MriRequest.Noise.NOT_ESTIMATED, request.noise(), "a classical method does not use the noise");
        assertNull(request.model());
        assertNull(request.diffusion());
    }

    @Test
    void autoIsTheDefaultAndEstimatesTheNoiseFromTheSampledCorners() {
        MriRequest request = twoSlices().model(" my-prior ").build();
        assertTrue(request.auto());
        assertTrue(request.usesPrior());
        assertEquals("my-prior", request.model());
        assertEquals(DiffusionSettings.defaults(), request.diffusion());
        assertEquals(MriRequest.Noise.ESTIMATED, request.noise());
        assertEquals(SIGMA, request.noiseSigma(), 0.1 * SIGMA);

        MriRequest given = twoSlices().model("m").method("diffusion").noiseSigma("0.02").build();
        assertEquals(MriRequest.Noise.GIVEN, given.noise());
        assertEquals(0.02, given.noiseSigma());
        MriRequest corners = MriRequest.builder(List.of(noise(1, 3))).mask(centreColumns()).model("m").build();
        assertEquals(MriRequest.Noise.NOT_ESTIMATED, corners.noise(), "no sampled corner: fit the data exactly");
        assertEquals(0, corners.noiseSigma());
    }

    @Test
    void mapsAreEstimatedOnlyForSeveralCoilsAndGivenMapsServeEverySlice() {
        assertFalse(twoSlices().method("zero-filled").estimateSensitivities(true).build().estimateSensitivities(),
                "one coil has no sensitivity to estimate");
        MriRequest.Builder coils = MriRequest.builder(List.of(noise(4, 1), noise(4, 2))).mask(ones(2), "mask.tif")
                .method("cg-sense");
        assertTrue(coils.estimateSensitivities(true).build().estimateSensitivities());
        CoilArray maps = noise(4, 3);
        MriRequest given = coils.estimateSensitivities(false).sensitivities(List.of(maps), "s.cfl").build();
        assertEquals(List.of(maps, maps), given.sensitivities());
        assertFalse(given.estimateSensitivities());
    }

    @Test
    void withoutAMaskTheFileColumnsOrThePointsHoldingDataAreSampled() {
        CoilArray k = noise(2, 1);
        float[] centre = centreColumns();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                k.data()[2 * (c * SIZE * SIZE + i)] *= centre[i];
                k.data()[2 * (c * SIZE * SIZE + i) + 1] *= centre[i];
            }
        }
        MriRequest fromData = MriRequest.builder(List.of(k)).build();
        assertEquals(MriRequest.MaskSource.DATA, fromData.maskSource());
        assertArrayEquals(centre, fromData.masks().get(0));

        boolean[] columns = new boolean[SIZE];
        columns[3] = true;
        MriRequest fromFile = MriRequest.builder(List.of(k, k)).columnMask(columns, "k.h5").build();
        assertEquals(MriRequest.MaskSource.FILE, fromFile.maskSource());
        assertEquals(2, fromFile.masks().size());
        assertEquals(SIZE, org.diffprior.physics.SamplingMasks.count(fromFile.masks().get(1)), "column 3 on every row");
        assertEquals(1f, fromFile.masks().get(0)[5 * SIZE + 3]);

        MriRequest given = MriRequest.builder(List.of(k)).columnMask(columns, "k.h5").mask(ones(1), "m.tif").build();
        assertEquals(MriRequest.MaskSource.GIVEN, given.maskSource());
        assertEquals(SIZE * SIZE, org.diffprior.physics.SamplingMasks.count(given.masks().get(0)));
        assertThrows(InvalidInputException.class, () -> MriRequest.builder(List.of(new CoilArray(SIZE, SIZE, 1,
                new float[2 * SIZE * SIZE]))).build(), "all-zero k-space has no sampled point");
    }

    @Test
    void badValuesAreKeyedByTheirParameter() {
        assertEquals("method", keyOf(() -> twoSlices().method("sense").build()));
        assertEquals("sensitivities", keyOf(() -> twoSlices().sensitivities(noise(1, 3)).estimateSensitivities(true)
                .build()));
        assertEquals("sensitivities", keyOf(() -> MriRequest.builder(List.of(noise(1, 1), noise(1, 2), noise(1, 3)))
                .mask(ones(1), "m").sensitivities(List.of(noise(1, 4), noise(1, 5)), "s.cfl").build()));
        assertEquals("lambda", keyOf(() -> twoSlices().method("cg-sense").lambda(-1.0).build()));
        assertEquals("iterations", keyOf(() -> twoSlices().method("tv").iterations(0).build()));
        assertEquals("noise_sigma", keyOf(() -> twoSlices().model("m").noiseSigma("loud").build()));
        assertEquals("noise_sigma", keyOf(() -> twoSlices().model("m").noiseSigma(-1).build()));
        assertEquals("noise_sigma", keyOf(() -> twoSlices().model("m").noiseSigma(Double.POSITIVE_INFINITY).build()));
        assertEquals("mask", keyOf(() -> MriRequest.builder(List.of(noise(1, 1))).columnMask(new boolean[3], "k.h5")
                .build()));
        assertEquals("mask", keyOf(() -> MriRequest.builder(List.of(noise(1, 1)))
                .columnMask(new boolean[SIZE], "k.h5").build()));
        assertEquals("mask", keyOf(() -> MriRequest.builder(List.of(noise(1, 1))).mask(new float[10]).build()));
        assertEquals("mask", keyOf(() -> MriRequest.builder(List.of(noise(1, 1)))
                .mask(FloatImage.of(SIZE, SIZE / 2, new float[SIZE * SIZE / 2]), "m").build()));
        assertEquals("mask", keyOf(() -> twoSlices().mask(ones(3), "m").build()));
        assertEquals("steps", keyOf(() -> twoSlices().model("m").diffusion(() -> new DiffusionSettings(0, 1, 0, 1, 5))
                .build()));
        InvalidInputException both = assertThrows(InvalidInputException.class, () -> twoSlices()
                .sensitivities(noise(1, 3)).estimateSensitivities(true).build());
        assertEquals("give either --sensitivities or --estimate-sens, not both",
                both.message(key -> "--" + key.replace('_', '-')));
    }
}
