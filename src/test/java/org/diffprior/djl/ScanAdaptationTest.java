package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.junit.jupiter.api.Test;

class ScanAdaptationTest {

    private static final int SIZE = 16;

    /** A smooth test image in [0, 1]. */
    private static float[] reference(int channels) {
        float[] image = new float[channels * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int c = 0; c < channels; c++) {
                    image[(y * SIZE + x) * channels
                            + c] = (float) (0.5 + 0.4 * Math.sin(0.4 * x + c) * Math.cos(0.3 * y));
                }
            }
        }
        return image;
    }

    /** Mean squared distance of the x0 estimates to {@code target}, and its gradient. */
    private static ScanAdaptation.Objective towards(float[] target) {
        return (x0, chosen, gradient) -> {
            double loss = 0;
            double n = x0.length * (double) target.length;
            for (int b = 0; b < x0.length; b++) {
                for (int i = 0; i < target.length; i++) {
                    double d = x0[b][i] - target[i];
                    loss += d * d / n;
                    gradient[b][i] = (float) (2 * d / n);
                }
            }
            return loss;
        };
    }

    private static double loss(PriorModel model, Map<String, float[]> weights, float[] reference,
            ScanAdaptation.Settings settings, long seed, Map<String, float[]> gradients) {
        EngineBootstrap.start();
        return EngineBootstrap.call(() -> {
            try (NDManager base = NDManager.newBaseManager(EngineBootstrap.device())) {
                return ScanAdaptation.lossAndGradients(model, weights, new float[][] {reference}, new int[] {0, 0},
                        new double[] {0.15, 0.4}, SIZE, SIZE, towards(reference), settings, new SplittableRandom(seed),
                        base, gradients);
            }
        });
    }

    @Test
    void weightGradientsMatchFiniteDifferencesOfTheTaskLoss() {
        for (String parameterisation : new String[] {"v", "x0"}) {
            PriorModel model = TinyModels.model(1, parameterisation, 3);
            ScanAdaptation.Settings settings = new ScanAdaptation.Settings(1, 1e-3, 2, 0.1, 0.5, false);
            float[] reference = reference(1);
            Map<String, float[]> weights = new LinkedHashMap<>(model.weights());
            Map<String, float[]> gradients = new LinkedHashMap<>();
            loss(model, weights, reference, settings, 11, gradients);
            // The largest gradient entry of the first, a middle and the last weight tensor: each is reached by
            // a different part of the chain (input convolution, a residual block, the output layer).
            String[] names = weights.keySet().toArray(String[]::new);
            for (String name : new String[] {names[0], names[names.length / 2], names[names.length - 1]}) {
                float[] g = gradients.get(name);
                int k = 0;
                for (int i = 1; i < g.length; i++) {
                    k = Math.abs(g[i]) > Math.abs(g[k]) ? i : k;
                }
                float[] original = weights.get(name);
                double h = 1e-2 * Math.max(1e-1, Math.abs(original[k]));
                double[] sides = new double[2];
                for (int side = 0; side < 2; side++) {
                    float[] moved = original.clone();
                    moved[k] += (float) (side == 0 ? h : -h);
                    weights.put(name, moved);
                    sides[side] = loss(model, weights, reference, settings, 11, null);
                }
                weights.put(name, original);
                double numeric = (sides[0] - sides[1]) / (2 * h);
                assertEquals(numeric, g[k], 0.05 * Math.abs(numeric) + 1e-7,
                        parameterisation + " " + name + "[" + k + "]");
            }
        }
    }

    @Test
    void adaptationLowersTheTaskLossAndLeavesTheGivenModelAsItWas() {
        PriorModel model = TinyModels.model(1, "v", 5);
        Map<String, float[]> before = new LinkedHashMap<>();
        model.weights().forEach((k, v) -> before.put(k, v.clone()));
        float[] reference = reference(1);
        ScanAdaptation.Settings settings = new ScanAdaptation.Settings(40, 3e-3, 2, 0.1, 0.5, false);
        ScanAdaptation.Result result = ScanAdaptation.adapt(model, new float[][] {reference}, new int[] {0},
                new int[0], SIZE, SIZE, towards(reference), settings, 1, ProgressListener.NONE, CancelToken.none());
        assertEquals(40, result.losses().length);
        double lossBefore = 0;
        double lossAfter = 0;
        for (long seed = 100; seed < 104; seed++) { // the same noise for both models
            lossBefore += loss(model, model.weights(), reference, settings, seed, null);
            lossAfter += loss(result.model(), result.model().weights(), reference, settings, seed, null);
        }
        assertTrue(lossAfter < 0.7 * lossBefore, lossBefore + " -> " + lossAfter);
        for (Map.Entry<String, float[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), model.weights().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void normsOnlyChangesTheGroupNormsAlone() {
        PriorModel model = TinyModels.model(2, "v", 7);
        float[] reference = reference(2);
        ScanAdaptation.Settings settings = new ScanAdaptation.Settings(3, 1e-2, 1, 0.1, 0.5, true);
        Map<String, float[]> adapted = ScanAdaptation.adapt(model, new float[][] {reference}, new int[] {0},
                new int[0], SIZE, SIZE, towards(reference), settings, 1, ProgressListener.NONE, CancelToken.none())
                .model().weights();
        int changedNorms = 0;
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            boolean same = java.util.Arrays.equals(e.getValue(), adapted.get(e.getKey()));
            if (e.getKey().contains(".gn")) {
                changedNorms += same ? 0 : 1;
            } else {
                assertTrue(same, e.getKey() + " changed");
            }
        }
        assertTrue(changedNorms > 0);
    }

    @Test
    void validationKeepsTheBestCheckAndStopsWhenItStopsImproving() {
        PriorModel model = TinyModels.model(1, "v", 5);
        float[] reference = reference(1);
        ScanAdaptation.Objective training = towards(reference);
        // Reference 1 scores the opposite of what training lowers: every step makes it worse.
        ScanAdaptation.Objective opposed = (x0, chosen, gradient) -> chosen[0] == 1
                ? -training.lossAndGradient(x0, chosen, gradient)
                : training.lossAndGradient(x0, chosen, gradient);
        ScanAdaptation.Settings settings = new ScanAdaptation.Settings(40, 3e-3, 2, 0.1, 0.5, false);
        float[][] references = {reference, reference};
        ScanAdaptation.Result worse = ScanAdaptation.adapt(model, references, new int[] {0}, new int[] {1}, SIZE,
                SIZE, opposed, settings, 1, ProgressListener.NONE, CancelToken.none());
        assertEquals(0, worse.keptStep());
        // Stopped after the start check and PATIENCE worse checks, long before 40 steps.
        assertEquals(1 + ScanAdaptation.PATIENCE, worse.checks().length);
        assertEquals(ScanAdaptation.PATIENCE * ScanAdaptation.CHECK_EVERY, worse.losses().length);
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            assertArrayEquals(e.getValue(), worse.model().weights().get(e.getKey()), e.getKey());
        }
        ScanAdaptation.Result better = ScanAdaptation.adapt(model, references, new int[] {0}, new int[] {1}, SIZE,
                SIZE, training, settings, 1, ProgressListener.NONE, CancelToken.none());
        assertTrue(better.keptStep() > 0);
        assertTrue(better.checks()[better.keptStep() / ScanAdaptation.CHECK_EVERY] < better.checks()[0]);
    }

    @Test
    void settingsOutOfRangeNameTheOption() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ScanAdaptation.Settings.defaults(-1));
        assertEquals("adapt_steps", e.parameter().orElseThrow());
        assertFalse(e.getMessage().isBlank());
    }
}
