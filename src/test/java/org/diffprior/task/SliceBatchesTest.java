package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * The slices of a volume in batches: each batch one sampling run whose slices share every network call and keep
 * their own data and units, progress per slice over the whole volume, and a cancel that stops between batches.
 */
class SliceBatchesTest {

    @Test
    void batchesCoverEverySliceInOrderWithProgressOverTheWholeVolume() {
        List<List<Integer>> ranges = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        ProgressListener progress = (done, total, message) -> {
            fractions.add((double) done / total);
            messages.add(message);
        };
        // Slices 0 and 6 are empty (all-zero measurements): zeros, never run.
        DiffusionOutput zero = DiffusionOutput.pointEstimate(1, 1, new float[] {-1}, 0);
        List<DiffusionOutput> out = SliceBatches.run(13, 4, z -> z == 0 || z == 6, () -> zero, progress,
                CancelToken.none(), (slices, batch) -> {
                    ranges.add(slices);
                    List<DiffusionOutput> planes = new ArrayList<>();
                    for (int step = 1; step <= 10; step++) {
                        batch.progress(step, 10, "step " + step);
                    }
                    for (int z : slices) {
                        planes.add(DiffusionOutput.pointEstimate(1, 1, new float[] {z}, 0));
                    }
                    return planes;
                });
        assertEquals(13, out.size());
        for (int z = 0; z < 13; z++) {
            assertEquals(z == 0 || z == 6 ? -1 : z, out.get(z).mean()[0], 0f, "slice order");
        }
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(5, 7, 8, 9), List.of(10, 11, 12)), ranges);
        for (int n = 1; n < fractions.size(); n++) {
            assertTrue(fractions.get(n) >= fractions.get(n - 1), "progress never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
        assertTrue(messages.contains("slices 6-10 of 13: step 3"), messages.toString());
        assertTrue(messages.contains("slice 13 of 13 done"), messages.toString());
    }

    @Test
    void aSingleEmptyPlaneIsStillRun() {
        // One plane is not a volume: an all-zero input goes to the method, which says what is wrong with it.
        int[] runs = {0};
        SliceBatches.run(1, 8, z -> true, null, ProgressListener.NONE, CancelToken.none(), (slices, batch) -> {
            runs[0]++;
            return List.of(DiffusionOutput.pointEstimate(1, 1, new float[1], 0));
        });
        assertEquals(1, runs[0]);
    }

    @Test
    void cancelStopsBeforeTheNextBatch() {
        CancelToken cancel = new CancelToken();
        int[] batches = {0};
        assertThrows(CancellationException.class,
                () -> SliceBatches.run(10, 3, z -> false, null, ProgressListener.NONE, cancel, (slices, batch) -> {
                    batches[0]++;
                    cancel.cancel();
                    List<DiffusionOutput> planes = new ArrayList<>();
                    for (int z = 0; z < slices.size(); z++) {
                        planes.add(DiffusionOutput.pointEstimate(1, 1, new float[1], 0));
                    }
                    return planes;
                }));
        assertEquals(1, batches[0]);
    }

    @Test
    void superResolutionSlicesShareOneRunAndKeepTheirOwnUnits() {
        int size = 32;
        int scale = 4;
        float[][] images = BlobImages.discs(4, size, 9);
        BoxDownsampling box = new BoxDownsampling(size, size, scale);
        double[] units = {1, 40, 2500};
        List<float[]> truths = new ArrayList<>();
        List<float[]> lowRes = new ArrayList<>();
        for (double unit : units) {
            float[] truth = Intensities.scaled(images[3], unit);
            float[] low = new float[box.outputSize()];
            box.apply(truth, low);
            truths.add(truth);
            lowRes.add(low);
        }
        // Each slice is normalised by its own robust maximum, so one normalised mixture serves all three.
        double normalise = Intensities.robustMax(lowRes.get(0), false);
        float[][] members = new float[images.length][];
        for (int k = 0; k < images.length; k++) {
            members[k] = Intensities.scaled(images[k], 1 / normalise);
        }
        MixturePriorDenoiser mixture = new MixturePriorDenoiser(1, members, null);
        int[] largestBatch = {0};
        Denoiser counting = new Denoiser() {
            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
                assertEquals(size, height, "slices are denoised as separate images");
                largestBatch[0] = Math.max(largestBatch[0], xt.length);
                return mixture.denoise(xt, height, width, alpha, sigma);
            }
        };
        List<DiffusionOutput> out = SrDiffusion.runSlices(lowRes, size / scale, size / scale, scale, "box", 0,
                counting, new DiffusionSettings(20, 2, 1, 0.5, 5), ProgressListener.NONE, CancelToken.none());
        assertEquals(6, largestBatch[0], "3 slices x 2 samples per network call");
        for (int s = 0; s < units.length; s++) {
            float[] reDegraded = new float[box.outputSize()];
            box.apply(out.get(s).mean(), reDegraded);
            for (int i = 0; i < reDegraded.length; i++) {
                assertEquals(lowRes.get(s)[i], reDegraded[i], 1e-3 * units[s], "slice " + s + " keeps its block means");
            }
            double psnr = Metrics.psnr(truths.get(s), out.get(s).mean());
            assertTrue(psnr > 35, "slice " + s + ": " + psnr + " dB");
        }
    }

    @Test
    void throughPlaneTvIsAKeyedParameterOfCtAndMri() {
        org.diffprior.io.FloatImage sinograms = new org.diffprior.io.FloatImage(8, 4, 2, new float[64]);
        double[] angles = {0, 45, 90, 135};
        assertEquals(0.05, org.diffprior.task.CtRequest.builder(sinograms, angles).method("fbp").throughPlaneTv(0.05)
                .build().throughPlaneTv(), 0);
        for (double bad : new double[] {-0.1, 2, Double.NaN}) {
            org.diffprior.core.InvalidInputException e = assertThrows(org.diffprior.core.InvalidInputException.class,
                    () -> CtRequest.builder(sinograms, angles).method("fbp").throughPlaneTv(bad).build());
            assertEquals("through_plane_tv", e.parameter().orElse("none"));
        }
    }
}
