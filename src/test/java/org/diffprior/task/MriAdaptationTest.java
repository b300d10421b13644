package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.ModelCard;
import org.diffprior.djl.PriorModel;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.djl.UNet;
import org.diffprior.djl.UNetConfig;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.CoilSensitivities;
import org.diffprior.physics.CtSrFixtures;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * The adaptation's data term: the held-out error's gradient and the map from prior space to complex images must
 * be what the optimiser assumes (checked against finite differences and the adjoint identity), and adapting a
 * network must lower that term.
 */
class MriAdaptationTest {

    private static final int SIZE = 32;
    private static final DiffusionSettings DIFFUSION = new DiffusionSettings(8, 1, 0, 1, 5);

    /** Blobs seen through {@code coils} coils under a smooth phase, 1-D random mask at R = 3. */
    private static List<CoilArray> kspace(float[] mask, CoilArray maps) {
        float[] truth = BlobImages.blobs(1, SIZE, 2)[0];
        float[] complex = new float[2 * SIZE * SIZE];
        for (int i = 0; i < truth.length; i++) {
            double phase = 0.3 * Math.sin(i % SIZE * 0.1);
            complex[2 * i] = (float) (truth[i] * Math.cos(phase));
            complex[2 * i + 1] = (float) (truth[i] * Math.sin(phase));
        }
        MultiCoilCartesianMri operator = (MultiCoilCartesianMri) org.diffprior.physics.MriMeasurement
                .complexOperator(SIZE, SIZE, mask, maps);
        float[] data = new float[operator.outputSize()];
        operator.apply(complex, data);
        return List.of(new CoilArray(SIZE, SIZE, maps.coils(), data));
    }

    @Test
    void heldOutGradientMatchesFiniteDifferences() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 3, 0.125, 3);
        CoilArray maps = CoilSensitivities.simulate(SIZE, SIZE, 4);
        List<CoilArray> kspaces = kspace(mask, maps);
        float[] heldOut = MriAuto.split(kspaces, List.of(mask), 1, 0, MriAuto.HoldOut.COLUMNS).heldOut().get(0);
        HeldOutKspace onHeldOut = new HeldOutKspace(kspaces, List.of(heldOut), List.of(maps));
        float[] x = CtSrFixtures.random(2 * SIZE * SIZE, 5);
        float[] direction = CtSrFixtures.random(x.length, 6);
        float[] gradient = new float[x.length];
        double error = onHeldOut.errorAndGradient(0, x, gradient);
        assertEquals(onHeldOut.error(List.of(x)), error, 1e-6 * error);
        double h = 0.1; // the error is quadratic: central differences are exact but for float rounding
        float[] plus = x.clone();
        float[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] += (float) (h * direction[i]);
            minus[i] -= (float) (h * direction[i]);
        }
        double numeric = (onHeldOut.error(List.of(plus)) - onHeldOut.error(List.of(minus))) / (2 * h);
        assertEquals(numeric, CtSrFixtures.dot(gradient, direction), 1e-3 * Math.abs(numeric));
    }

    @Test
    void complexSliceAdjointIsTheAdjointOfComplexSlice() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 3, 0.125, 3);
        CoilArray maps = CoilSensitivities.simulate(SIZE, SIZE, 4);
        List<CoilArray> kspaces = kspace(mask, maps);
        for (boolean magnitude : new boolean[] {true, false}) {
            MriDiffusion.Problem problem = MriDiffusion.prepare(kspaces, List.of(mask), List.of(maps), 0, magnitude,
                    CancelToken.none());
            float[] x = CtSrFixtures.random((magnitude ? 1 : 2) * SIZE * SIZE, 7);
            float[] z = CtSrFixtures.random(2 * SIZE * SIZE, 8);
            double left = CtSrFixtures.dot(problem.complexSlice(x, 0), z);
            double right = CtSrFixtures.dot(x, problem.complexSliceAdjoint(z, 0));
            assertEquals(left, right, 1e-5 * Math.abs(left), "magnitude prior " + magnitude);
        }
    }

    @Test
    void onlyANetworkPriorCanBeAdaptedAndZeroStepsChangeNothing() {
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 3, 0.125, 3);
        CoilArray maps = CoilSensitivities.simulate(SIZE, SIZE, 2);
        List<CoilArray> kspaces = kspace(mask, maps);
        Denoiser mixture = new MixturePriorDenoiser(1, BlobImages.blobs(3, SIZE, 9), new double[] {1, 1, 1});
        assertSame(mixture, MriAdaptation.adapt(kspaces, List.of(mask), List.of(maps), 0, mixture,
                ScanAdaptation.Settings.defaults(0), DIFFUSION, 0, ProgressListener.NONE, CancelToken.none()).prior());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MriAdaptation.adapt(kspaces, List.of(mask), List.of(maps), 0, mixture,
                        ScanAdaptation.Settings.defaults(3), DIFFUSION, 0, ProgressListener.NONE, CancelToken.none()));
        assertEquals("adapt_steps", e.parameter().orElseThrow());
    }

    @Test
    void adaptingAnUntrainedNetworkLowersTheHeldOutError() {
        // R = 2 leaves enough columns outside the centre for the check's and the adaptation's held-out folds.
        float[] mask = SamplingMasks.random1d(SIZE, SIZE, 2, 0.125, 3);
        CoilArray maps = CoilSensitivities.simulate(SIZE, SIZE, 2);
        List<CoilArray> kspaces = kspace(mask, maps);
        UNetConfig config = UNetConfig.tiny(1);
        ModelCard card = new ModelCard("tiny", "test model", "djl", "unet-v1", config, 1, 16, "vp-cosine", "v", 0.5,
                0.5, "none", "none", 0, 0, Map.of(), Map.of());
        DjlDenoiser prior = new DjlDenoiser(PriorModel.of(card, new UNet(config).initialParameters(3)));
        ScanAdaptation.Settings settings = new ScanAdaptation.Settings(30, 3e-3, 2, 0.05, 0.3, false);
        MriAdaptation.Adapted adapted = MriAdaptation.adapt(kspaces, List.of(mask), List.of(maps), 0, prior,
                settings, DIFFUSION, 0, ProgressListener.NONE, CancelToken.none());
        // An untrained network knows nothing, so diffusion with the adapted one must predict the check's held-out
        // k-space better, and be used.
        assertTrue(adapted.after() < adapted.before(), adapted.summary());
        assertNotSame(prior, adapted.prior());
        // Scored on the validation fold, which no step trained on.
        assertTrue(adapted.keptStep() > 0);
        double best = java.util.Arrays.stream(adapted.checks()).min().orElseThrow();
        assertTrue(best < 0.5 * adapted.checks()[0], adapted.checks()[0] + " -> " + best);
        assertTrue(adapted.summary().startsWith("used the prior adapted in " + adapted.keptStep() + " steps"),
                adapted.summary());
    }
}
