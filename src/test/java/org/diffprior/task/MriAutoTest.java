package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.classical.MriReconstruction.Method;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CalibrationCentre;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * {@code --method auto} must choose without the truth: mostly diffusion when the prior knows the image (a
 * mixture prior that contains it), at most half diffusion when the prior is wrong for the scan (a mixture of
 * other images), and its
 * held-out points must be sampled points outside the calibration centre.
 */
class MriAutoTest {

    private static final int SIZE = 32;

    private static float[][] blobs(int count, long seed) {
        return BlobImages.blobs(count, SIZE, seed);
    }

    private record Scan(float[] truth, float[] mask, CoilArray kspace, double normalisation) {
    }

    private static Scan scan(float[] truth) {
        return scan(truth, SIZE);
    }

    private static Scan scan(float[] truth, int size) {
        return scan(truth, size, SamplingMasks.random1d(size, size, 3, 0.125, 3));
    }

    private static Scan scan(float[] truth, int size, float[] mask) {
        CartesianMri operator = new CartesianMri(size, size, mask);
        float[] complex = new float[2 * size * size];
        for (int i = 0; i < truth.length; i++) {
            complex[2 * i] = truth[i];
        }
        float[] kspace = new float[operator.outputSize()];
        operator.apply(complex, kspace);
        Random random = new Random(4);
        for (int i = 0; i < kspace.length; i++) {
            kspace[i] += mask[(i / 2) % (size * size)] != 0 ? (float) (0.002 * random.nextGaussian()) : 0;
        }
        float[] zeroFilled = new float[2 * size * size];
        operator.adjoint(kspace, zeroFilled);
        return new Scan(truth, mask, new CoilArray(size, size, 1, kspace), Intensities.robustMax(zeroFilled, true));
    }

    private static float[][] divided(float[][] images, double factor) {
        float[][] out = new float[images.length][];
        for (int k = 0; k < images.length; k++) {
            out[k] = images[k].clone();
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] /= (float) factor;
            }
        }
        return out;
    }

    private static MriAuto.Result auto(Scan scan, MixturePriorDenoiser prior, MriAuto.HoldOut holdOut) {
        return MriAuto.run(List.of(scan.kspace()), List.of(scan.mask()), null, 0, prior,
                new DiffusionSettings(15, 2, 1, 0.5, 5), holdOut, ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void choosesDiffusionWhenThePriorKnowsTheImage() {
        float[][] images = blobs(4, 11);
        Scan scan = scan(images[2]);
        MriAuto.Result result = auto(scan, new MixturePriorDenoiser(1, divided(images, scan.normalisation()), null),
                MriAuto.DEFAULT_HOLD_OUT);
        assertTrue(result.diffusionWeight() >= 0.75,
                result.choice() + " " + result.diffusionWeight() + ", held-out errors "
                        + result.diffusionError() + " / " + result.classicalError());
        assertTrue(result.diffusionError() < result.classicalError());
        // The default blend stands unless a candidate beats it clearly; otherwise the least error was chosen.
        assertTrue(result.keptDefault()
                || result.chosenError() <= Math.min(result.diffusionError(), result.classicalError()));
        assertTrue(Metrics.psnr(scan.truth(), result.outputs().get(0).mean()) > 35);
    }

    /**
     * Progress covers the folds' classical solves too, so the time left is not judged from the first diffusion steps
     * alone: it never goes back, keeps one total, ends there, and the first diffusion step of fold 1 comes after the
     * classical share of the progress.
     */
    @Test
    void progressCountsTheClassicalSolvesOfEachFold() {
        float[][] images = blobs(4, 11);
        Scan scan = scan(images[2]);
        List<long[]> reports = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        MriAuto.run(List.of(scan.kspace()), List.of(scan.mask()), null, 0,
                new MixturePriorDenoiser(1, divided(images, scan.normalisation()), null),
                new DiffusionSettings(10, 1, 1, 0.5, 5), MriAuto.DEFAULT_HOLD_OUT, (done, total, message) -> {
                    reports.add(new long[] {done, total});
                    messages.add(message);
                }, CancelToken.none());
        long total = reports.get(0)[1];
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(total, reports.get(i)[1], "the total changed at report " + i + ": " + messages.get(i));
            assertTrue(i == 0 || reports.get(i)[0] >= reports.get(i - 1)[0],
                    "progress went back at " + messages.get(i));
        }
        assertEquals(total, reports.get(reports.size() - 1)[0]);
        assertTrue(messages.contains("auto, fold 1 of 2: tv 1e-02"), String.valueOf(messages.subList(0, 5)));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("auto, fold 2 of 2: l1-wavelet")));
        int firstStep = 0;
        while (!messages.get(firstStep).startsWith("auto, fold 1 of 2: ") || messages.get(firstStep).contains("e-0")) {
            firstStep++;
        }
        double fraction = MriAuto.FOLD_CLASSICAL_FRACTION
                / (MriAuto.FOLDS * (MriAuto.FOLD_CLASSICAL_FRACTION + MriAuto.FOLD_STEP_FRACTION) + 1);
        assertTrue(reports.get(firstStep)[0] >= fraction * total - 1,
                messages.get(firstStep) + " at " + reports.get(firstStep)[0] + " of " + total);
    }

    @Test
    void choosesTvWhenThePriorIsWrongForTheScan() {
        float[] truth = blobs(1, 99)[0];
        Scan scan = scan(truth);
        MixturePriorDenoiser wrong = new MixturePriorDenoiser(1, divided(blobs(4, 11), scan.normalisation()), null);
        // Held-out points: a 32-column scan has only six sampled columns outside its centre to hold out.
        MriAuto.Result result = auto(scan, wrong, MriAuto.HoldOut.POINTS);
        DiffusionOutput diffusion = MriDiffusion.run(scan.kspace(), scan.mask(), null, wrong,
                new DiffusionSettings(15, 2, 1, 0.5, 5), ProgressListener.NONE, CancelToken.none());
        double psnrAuto = Metrics.psnr(truth, result.outputs().get(0).mean());
        double psnrDiffusion = Metrics.psnr(truth, diffusion.mean());
        // At most the default blend: a quarter of TV already keeps the wrong prior's blobs out.
        assertTrue(result.diffusionWeight() <= MriAuto.DEFAULT_WEIGHT, result.summary());
        assertTrue(psnrAuto > psnrDiffusion + 1, "auto " + psnrAuto + " dB, diffusion " + psnrDiffusion + " dB");
    }

    @Test
    void foldsRunTwoTenthsOfTheStepsWithEverythingElseAsGiven() {
        DiffusionSettings given = new DiffusionSettings(50, 3, 7, 0.5, 4, 0.2);
        assertEquals(new DiffusionSettings(10, 3, 7, 0.5, 4, 0.2), MriAuto.foldSettings(given));
        // Rounded up: 0.2 · 12 = 2.4 → 3.
        assertEquals(3, MriAuto.foldSettings(new DiffusionSettings(12, 1, 1, 1, 5)).steps());
        assertEquals(6, MriAuto.foldSettings(new DiffusionSettings(30, 1, 1, 1, 5)).steps());
        assertEquals(1, MriAuto.foldSettings(new DiffusionSettings(1, 1, 1, 1, 5)).steps());
    }

    @Test
    void aCandidateReplacesTheDefaultOnlyWhenItsGainExceedsTheSpreadOfThePairedDifferences() {
        MriAuto.UnitErrors fallback = units(5, 6, 5, 7, 6, 5);
        // A steady gain of 1 per unit: far beyond its (zero) spread.
        assertTrue(units(4, 5, 4, 6, 5, 4).significantlyBelow(fallback, 2));
        // The same total gain carried by one unit: mean 1, standard error √6·2.45: not significant at 2.
        MriAuto.UnitErrors lucky = units(-1, 6, 5, 7, 6, 5);
        assertFalse(lucky.significantlyBelow(fallback, 2));
        assertTrue(lucky.significantlyBelow(fallback, 0.5));
        // Worse never replaces it, nor does a single unit or the default itself.
        assertFalse(fallback.significantlyBelow(units(4, 5, 4, 6, 5, 4), 2));
        assertFalse(units(1).significantlyBelow(units(5), 2));
        assertFalse(fallback.significantlyBelow(fallback, 2));
    }

    private static MriAuto.UnitErrors units(double... values) {
        MriAuto.UnitErrors errors = new MriAuto.UnitErrors();
        errors.add(values);
        return errors;
    }

    @Test
    void densityWeightsAreOneMinusPOverPOfTheRadialBand() {
        int n = 64;
        float[] full = new float[n * n];
        java.util.Arrays.fill(full, 1);
        for (float w : HeldOutKspace.densityWeights(full, n, n)) {
            assertEquals(1e-3, w, 1e-6); // nothing unsampled to stand for
        }
        float[] checkerboard = new float[n * n];
        for (int i = 0; i < checkerboard.length; i++) {
            checkerboard[i] = (i / n + i % n) % 2 == 0 ? 1 : 0;
        }
        for (float w : HeldOutKspace.densityWeights(checkerboard, n, n)) {
            assertEquals(1, w, 0.5); // p ≈ 1/2 in every band (a little off in the small central bands)
        }
        // Variable density: sparse outer bands stand for many unsampled points, the dense centre for few.
        float[] poisson = SamplingMasks.poissonDisc2d(n, n, 4, 0.125, 5);
        float[] weights = HeldOutKspace.densityWeights(poisson, n, n);
        double centre = weights[(n / 2) * n + n / 2 + 6];
        double edge = weights[(n / 2) * n + 1];
        assertTrue(edge > 2 * centre, "edge " + edge + ", centre " + centre);
        int outerBand = 0;
        int outerSampled = 0;
        int outerPixel = -1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot((y - n / 2) / (double) n, (x - n / 2) / (double) n) / Math.hypot(0.5, 0.5);
                if (Math.min((int) (r * HeldOutKspace.DENSITY_BANDS), HeldOutKspace.DENSITY_BANDS - 1) == 9) {
                    outerBand++;
                    outerSampled += poisson[y * n + x] != 0 ? 1 : 0;
                    outerPixel = y * n + x;
                }
            }
        }
        double p = (double) outerSampled / outerBand;
        assertEquals((1 - p) / p + 1e-3, weights[outerPixel], 1e-4);
    }

    @Test
    void heldOutPointsAreSampledPointsOutsideTheCalibrationCentre() {
        int n = 64;
        float[] mask = SamplingMasks.poissonDisc2d(n, n, 4, 0.1, 2);
        float[][] split = HeldOutKspace.split(mask, n, n, 7, 0);
        float[][] other = HeldOutKspace.split(mask, n, n, 7, 1);
        boolean[] centre = CalibrationCentre.region(mask, n, n);
        int outside = 0;
        int heldOut = 0;
        for (int i = 0; i < mask.length; i++) {
            assertEquals(mask[i], split[0][i] + split[1][i], "kept + held out = mask at " + i);
            assertTrue(split[1][i] == 0 || !centre[i], "calibration point " + i + " held out");
            assertTrue(split[1][i] == 0 || other[1][i] == 0, "point " + i + " held out by both folds");
            outside += mask[i] != 0 && !centre[i] ? 1 : 0;
            heldOut += split[1][i] != 0 ? 1 : 0;
        }
        assertTrue(centre[(n / 2) * n + n / 2], "the k-space centre is in the calibration region");
        assertEquals(HeldOutKspace.HELD_OUT_FRACTION * outside, heldOut, 4 * Math.sqrt(outside * 0.1));
    }

    @Test
    void columnHoldOutRemovesWholeSampledColumnsOutsideTheCentre() {
        int n = 64;
        float[] mask = SamplingMasks.random1d(n, n, 4, 0.08, 3);
        assertTrue(SamplingMasks.isColumnMask(mask, n, n));
        assertTrue(!SamplingMasks.isColumnMask(SamplingMasks.poissonDisc2d(n, n, 4, 0.1, 2), n, n));
        float[][] split = HeldOutKspace.splitColumns(mask, n, n, 5, 0);
        float[][] other = HeldOutKspace.splitColumns(mask, n, n, 5, 1);
        boolean[] centre = CalibrationCentre.region(mask, n, n);
        int heldOutColumns = 0;
        for (int x = 0; x < n; x++) {
            boolean held = split[1][x] != 0;
            heldOutColumns += held ? 1 : 0;
            for (int y = 0; y < n; y++) {
                int i = y * n + x;
                assertEquals(mask[i], split[0][i] + split[1][i], "kept + held out = mask at " + i);
                assertEquals(held, split[1][i] != 0, "column " + x + " is held out whole");
                assertTrue(!held || !centre[i], "calibration column " + x + " held out");
                assertTrue(!held || other[1][i] == 0, "column " + x + " held out by both folds");
            }
        }
        assertTrue(heldOutColumns >= 2, heldOutColumns + " columns held out");
    }

    @Test
    void anEquispacedMaskKeepsTheDefaultBlendWithoutFolds() {
        float[] truth = blobs(1, 99)[0];
        // Every 4th column plus a 4-column centre: the regular pattern that held-out columns would break.
        boolean[] columns = new boolean[SIZE];
        for (int x = 0; x < SIZE; x++) {
            columns[x] = x % 4 == 2 || (x >= SIZE / 2 - 2 && x < SIZE / 2 + 2);
        }
        Scan scan = scan(truth, SIZE, SamplingMasks.fromColumns(SIZE, columns));
        MixturePriorDenoiser wrong = new MixturePriorDenoiser(1, divided(blobs(4, 11), scan.normalisation()), null);
        int[] denoiserCalls = {0};
        Denoiser counted = new Denoiser() {
            @Override
            public int channels() {
                return wrong.channels();
            }

            @Override
            public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
                denoiserCalls[0]++;
                return wrong.denoise(xt, height, width, alpha, sigma);
            }
        };
        long[] lastProgress = {0, 0};
        DiffusionSettings settings = new DiffusionSettings(15, 1, 1, 0.5, 5);
        MriAuto.Result result = MriAuto.run(List.of(scan.kspace()), List.of(scan.mask()), null, 0, counted, settings,
                (done, total, message) -> {
                    lastProgress[0] = done;
                    lastProgress[1] = total;
                }, CancelToken.none());
        assertEquals(MriAuto.Basis.EQUISPACED, result.basis());
        assertTrue(result.keptDefault());
        assertEquals(MriAuto.DEFAULT_CLASSICAL, result.classical());
        assertEquals(MriAuto.DEFAULT_WEIGHT, result.diffusionWeight());
        assertTrue(result.summary().contains("equispaced"), result.summary());
        // One diffusion run of all samples: no fold ran the prior, and progress ends at its own total.
        assertEquals(settings.steps(), denoiserCalls[0]);
        assertEquals(result.outputs().get(0).networkEvaluations(), denoiserCalls[0]);
        assertEquals(lastProgress[1], lastProgress[0]);
        // The blend is the default's: a quarter of TV keeps most of the wrong prior's blobs out.
        DiffusionOutput diffusion = MriDiffusion.run(scan.kspace(), scan.mask(), null, wrong, settings,
                ProgressListener.NONE, CancelToken.none());
        assertTrue(Metrics.psnr(truth, result.outputs().get(0).mean()) > Metrics.psnr(truth, diffusion.mean()));
    }

    @Test
    void aMaskWithNothingOutsideItsCentreFallsBackToDiffusionAlone() {
        float[][] images = blobs(4, 11);
        float[] mask = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = SIZE / 2 - 4; x <= SIZE / 2 + 4; x++) {
                mask[y * SIZE + x] = 1; // only the contiguous calibration columns
            }
        }
        CartesianMri operator = new CartesianMri(SIZE, SIZE, mask);
        float[] complex = new float[2 * SIZE * SIZE];
        for (int i = 0; i < images[2].length; i++) {
            complex[2 * i] = images[2][i];
        }
        float[] kspace = new float[operator.outputSize()];
        operator.apply(complex, kspace);
        MriAuto.Result result = MriAuto.run(List.of(new CoilArray(SIZE, SIZE, 1, kspace)), List.of(mask), null, 0,
                new MixturePriorDenoiser(1, images, null), new DiffusionSettings(10, 1, 1, 0.5, 5),
                ProgressListener.NONE, CancelToken.none());
        assertEquals("diffusion", result.choice());
        assertTrue(result.classical() == null);
        for (float v : result.outputs().get(0).mean()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void waveletCandidateOfOneCoilIsARealImageThatFitsTheDataAsTheComplexL1WaveletDoes() {
        float[] truth = blobs(1, 5)[0];
        Scan scan = scan(truth);
        MriDiffusion.Problem problem = MriDiffusion.prepare(List.of(scan.kspace()), List.of(scan.mask()), null, 0,
                true, CancelToken.none());
        float[] zeroFilled = new float[2 * SIZE * SIZE];
        new CartesianMri(SIZE, SIZE, scan.mask()).adjoint(scan.kspace().data(), zeroFilled);
        float[] weak = magnitude(MriAuto
                .classical(problem, List.of(new MriAuto.Classical(Method.L1_WAVELET, 1e-3)), 1, ProgressListener.NONE,
                        CancelToken.none())
                .get(0).get(0));
        float[] strong = magnitude(
                MriAuto.classical(problem, List.of(new MriAuto.Classical(Method.L1_WAVELET, 10)), 1,
                        ProgressListener.NONE, CancelToken.none())
                        .get(0).get(0));
        double psnrWeak = Metrics.psnr(truth, weak);
        double psnrZeroFilled = Metrics.psnr(truth, magnitude(zeroFilled));
        assertTrue(psnrWeak > psnrZeroFilled + 2, "wavelet " + psnrWeak + " dB, zero filled " + psnrZeroFilled);
        // The complex L1-wavelet of MriReconstruction is the reference: for a real object with a flat phase the
        // real-image candidate must agree with it, at a weight that matters (10 zeroes every detail coefficient).
        for (double lambda : new double[] {1e-3, 10}) {
            float[] real = magnitude(MriAuto.classical(problem,
                    List.of(new MriAuto.Classical(Method.L1_WAVELET, lambda)), 1, ProgressListener.NONE,
                    CancelToken.none()).get(0).get(0));
            float[] reference = MriReconstruction.run(new MriReconstruction.Request(scan.kspace(), scan.mask(), null,
                    Method.L1_WAVELET, lambda, 0, 1), ProgressListener.NONE, CancelToken.none()).magnitude();
            assertTrue(Metrics.psnr(reference, real) > 35, lambda + ": " + Metrics.psnr(reference, real) + " dB apart");
        }
        assertTrue(Metrics.psnr(weak, strong) < 25, "the weight changed nothing: " + Metrics.psnr(weak, strong));
        assertEquals("l1-wavelet 1e-03", new MriAuto.Classical(Method.L1_WAVELET, 1e-3).toString());
    }

    @Test
    void theFoldsSolveWithTheirShareOfTheIterations() {
        Scan scan = scan(blobs(1, 5)[0]);
        int[] applications = {0};
        CartesianMri mri = new CartesianMri(SIZE, SIZE, scan.mask());
        LinearOperator counted = new LinearOperator() {
            @Override
            public int inputSize() {
                return mri.inputSize();
            }

            @Override
            public int outputSize() {
                return mri.outputSize();
            }

            @Override
            public void apply(float[] x, float[] y) {
                applications[0]++;
                mri.apply(x, y);
            }

            @Override
            public void adjoint(float[] y, float[] x) {
                mri.adjoint(y, x);
            }
        };
        // A complex prior's problem: the candidates solve on this operator as it is.
        float[] y = scan.kspace().data().clone();
        MriDiffusion.Problem problem = new MriDiffusion.Problem(new LinearOperator[] {counted},
                new LinearOperator[] {counted}, new double[] {1}, y, 0, false, SIZE, SIZE);
        int[] counts = new int[2];
        double[] fractions = {1, MriAuto.FOLD_ITERATION_FRACTION};
        for (int f = 0; f < 2; f++) {
            applications[0] = 0;
            MriAuto.classical(problem, List.of(new MriAuto.Classical(Method.TV, 1e-2)), 1, fractions[f],
                    ProgressListener.NONE, CancelToken.none());
            counts[f] = applications[0];
        }
        // One forward operator per Chambolle–Pock iteration; the norm estimate costs the same in both.
        assertEquals(MriDiffusion.WARM_START_TV_ITERATIONS / 2, counts[0] - counts[1],
                "operator applications " + counts[0] + " and " + counts[1]);
    }

    @Test
    void anOddSizeScanIsScoredWithoutTheWaveletCandidates() {
        assertEquals(MriAuto.CLASSICAL, MriAuto.candidates(SIZE, SIZE, false));
        assertTrue(MriAuto.candidates(33, 33, false).stream().allMatch(c -> c.method() == Method.TV));
        assertEquals(MriAuto.CLASSICAL.stream().filter(c -> c.method() == Method.TV).count(),
                MriAuto.candidates(33, 33, false).size());
        int odd = 33;
        float[] truth = BlobImages.blobs(1, odd, 7)[0];
        Scan scan = scan(truth, odd);
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1,
                divided(BlobImages.blobs(3, odd, 8), scan.normalisation()), null);
        MriAuto.Result result = auto(scan, prior, MriAuto.HoldOut.POINTS);
        assertEquals(Method.TV, result.classical().method());
        assertTrue(Metrics.psnr(truth, result.outputs().get(0).mean()) > 20);
    }

    private static float[] magnitude(float[] complex) {
        float[] out = new float[complex.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return out;
    }
}
