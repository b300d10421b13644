package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CoilArray;
import org.diffprior.prior.GaussianPriorDenoiser;
import org.junit.jupiter.api.Test;

class ActiveSubsamplingTest {

    private static final int HEIGHT = 16;
    private static final int WIDTH = 32;
    private static final int[] INFORMATIVE = {5, 9, 22, 27};
    private static final int TRUTH = 0b1010;

    private static final ProductMixture MIXTURE = new ProductMixture(HEIGHT, WIDTH, INFORMATIVE, 3);

    /** R = 4 (8 of 32 columns), centre column only, prior in the data's units. */
    private static AdsSettings.Builder settings() {
        return AdsSettings.builder().acceleration(4).centerFraction(0).particles(8)
                .steps(20).window(0, 0.5).intensityScale(1).seed(11);
    }

    private static ActiveSubsampling.Result run(CoilArray kspace, CoilArray maps, AdsSettings s) {
        return ActiveSubsampling.run(MIXTURE.prior, new RetrospectiveSource(kspace), maps, s, ProgressListener.NONE,
                CancelToken.none());
    }

    private static Set<Integer> set(int[] values) {
        return Arrays.stream(values).boxed().collect(Collectors.toSet());
    }

    private static Set<Integer> maskColumns(float[] mask) {
        Set<Integer> columns = new HashSet<>();
        for (int x = 0; x < WIDTH; x++) {
            if (mask[x] != 0) {
                columns.add(x);
            }
            for (int y = 0; y < HEIGHT; y++) {
                assertEquals(mask[x], mask[y * WIDTH + x], "mask is not made of full columns");
            }
        }
        return columns;
    }

    @Test
    void acquiresTheInformativeColumnsFirstAndStopsAtTheBudget() {
        CoilArray kspace = new CoilArray(HEIGHT, WIDTH, 1, MIXTURE.kspaces[TRUTH]);
        for (ColumnSelection.Rule rule : ColumnSelection.Rule.values()) {
            ActiveSubsampling.Result r = run(kspace, null, settings().rule(rule).build());
            int[] active = r.activeColumns();
            assertEquals(WIDTH / 4 - 1, active.length, "budget floor(W/R) counts the centre column");
            assertEquals(set(INFORMATIVE), set(Arrays.copyOf(active, INFORMATIVE.length)),
                    rule + " " + Arrays.toString(active));
            assertEquals(new ActiveSubsampling.Acquisition(-1, WIDTH / 2), r.order().get(0));
            assertEquals(WIDTH / 4, r.order().size());
            assertEquals(r.order().stream().map(ActiveSubsampling.Acquisition::column).collect(Collectors.toSet()),
                    maskColumns(r.mask()), "mask = recorded order");
            assertEquals(WIDTH / 4, maskColumns(r.mask()).size(), "no column twice");
            assertTrue(Metrics.psnr(MIXTURE.magnitude(TRUTH), r.magnitude()) > 50, "posterior collapses on the truth");
        }
    }

    @Test
    void dataAreExactlyTheSourcesLinesAndTheFillingGrowsByOneColumnPerAcquisition() {
        float[] full = MIXTURE.kspaces[TRUTH];
        ActiveSubsampling.Result r = run(new CoilArray(HEIGHT, WIDTH, 1, full), null, settings().build());
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                float expectedRe = r.mask()[i] != 0 ? full[2 * i] : 0;
                float expectedIm = r.mask()[i] != 0 ? full[2 * i + 1] : 0;
                assertEquals(expectedRe, r.data()[2 * i], 0f);
                assertEquals(expectedIm, r.data()[2 * i + 1], 0f);
            }
        }
        List<float[]> filling = r.filling();
        assertEquals(WIDTH / 4 - 1, filling.size());
        int[] active = r.activeColumns();
        for (int a = 0; a < filling.size(); a++) {
            Set<Integer> expected = new HashSet<>(set(Arrays.copyOf(active, a + 1)));
            expected.add(WIDTH / 2);
            assertEquals(expected, maskColumns(filling.get(a)));
        }
        int[] steps = r.order().stream().filter(o -> o.step() >= 0).mapToInt(ActiveSubsampling.Acquisition::step)
                .toArray();
        assertArrayEquals(AcquisitionSchedule.of(20, 0, 0.5, WIDTH / 4 - 1, 1).acquisitionSteps(), steps);
    }

    @Test
    void beatsAFixedRandomMaskOfTheSameBudget() {
        CoilArray kspace = new CoilArray(HEIGHT, WIDTH, 1, MIXTURE.kspaces[TRUTH]);
        ActiveSubsampling.Result active = run(kspace, null, settings().build());
        // Centre column plus 7 seeded random others: the same budget of 8 columns.
        java.util.Random random = new java.util.Random(5);
        List<Integer> others = IntStream.range(0, WIDTH).filter(x -> x != WIDTH / 2).boxed()
                .collect(Collectors.toList());
        java.util.Collections.shuffle(others, random);
        boolean[] columns = new boolean[WIDTH];
        columns[WIDTH / 2] = true;
        others.subList(0, 7).forEach(x -> columns[x] = true);
        assertFalse(Arrays.stream(INFORMATIVE).allMatch(x -> columns[x]), "the random mask must miss a column");
        float[] mask = new float[HEIGHT * WIDTH];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = columns[i % WIDTH] ? 1f : 0f;
        }
        ActiveSubsampling.Result fixed = ActiveSubsampling.reconstruct(MIXTURE.prior, kspace, null, mask,
                settings().build(), ProgressListener.NONE, CancelToken.none());
        double activePsnr = Metrics.psnr(MIXTURE.magnitude(TRUTH), active.magnitude());
        double fixedPsnr = Metrics.psnr(MIXTURE.magnitude(TRUTH), fixed.magnitude());
        assertTrue(activePsnr > fixedPsnr + 10, "active " + activePsnr + " dB vs fixed " + fixedPsnr + " dB");
        // The particles' spread reports the missed columns' uncertainty, and none once all are known.
        assertTrue(mean(fixed.std()) > 100 * mean(active.std()), mean(fixed.std()) + " vs " + mean(active.std()));
    }

    @Test
    void multiCoilRunScoresThroughTheCoilMaps() {
        // Spatially constant coil weights (Σ|s_c|² = 1) keep the column structure in every coil's k-space.
        int coils = 3;
        double[][] weights = {{0.6, 0.2}, {-0.3, 0.5}, {0.1, -0.5}};
        double norm = 0;
        for (double[] w : weights) {
            norm += w[0] * w[0] + w[1] * w[1];
        }
        int n = HEIGHT * WIDTH;
        float[] maps = new float[2 * coils * n];
        float[] kspace = new float[2 * coils * n];
        float[] truth = MIXTURE.kspaces[TRUTH];
        for (int c = 0; c < coils; c++) {
            double re = weights[c][0] / Math.sqrt(norm);
            double im = weights[c][1] / Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                maps[2 * (c * n + i)] = (float) re;
                maps[2 * (c * n + i) + 1] = (float) im;
                kspace[2 * (c * n + i)] = (float) (re * truth[2 * i] - im * truth[2 * i + 1]);
                kspace[2 * (c * n + i) + 1] = (float) (re * truth[2 * i + 1] + im * truth[2 * i]);
            }
        }
        ActiveSubsampling.Result r = run(new CoilArray(HEIGHT, WIDTH, coils, kspace),
                new CoilArray(HEIGHT, WIDTH, coils, maps), settings().build());
        assertEquals(set(INFORMATIVE), set(Arrays.copyOf(r.activeColumns(), INFORMATIVE.length)));
        assertEquals(WIDTH / 4, maskColumns(r.mask()).size());
        assertTrue(Metrics.psnr(MIXTURE.magnitude(TRUTH), r.magnitude()) > 40);
    }

    @Test
    void realPriorTakesOneColumnOfEachConjugatePair() {
        // Real images: column x and its mirror W − x carry the same information (Hermitian symmetry).
        // A Gaussian prior with 1000× more variance on columns ±6 and ±11 (centred) than elsewhere.
        int[] strongCentred = {WIDTH / 2 - 6, WIDTH / 2 + 6, WIDTH / 2 - 11, WIDTH / 2 + 11};
        double[] spectrum = new double[HEIGHT * WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                spectrum[y * WIDTH + x] = 0.001;
            }
        }
        for (int centred : strongCentred) {
            int unshifted = Math.floorMod(centred - WIDTH / 2, WIDTH);
            for (int y = 0; y < HEIGHT; y++) {
                spectrum[y * WIDTH + unshifted] = 1.0;
            }
        }
        GaussianPriorDenoiser prior = new GaussianPriorDenoiser(HEIGHT, WIDTH, spectrum, 0);
        float[] image = prior.sample(new java.util.Random(4));
        float[] complex = new float[2 * image.length];
        for (int i = 0; i < image.length; i++) {
            complex[2 * i] = image[i];
        }
        new org.diffprior.physics.CenteredFft2(HEIGHT, WIDTH).forward(complex);
        // One line per step, and two per step (then chosen one after the other within the step).
        for (int lines = 1; lines <= 2; lines++) {
            ActiveSubsampling.Result r = ActiveSubsampling.run(prior,
                    new RetrospectiveSource(new CoilArray(HEIGHT, WIDTH, 1, complex)), null,
                    settings().rule(ColumnSelection.Rule.MAX_VARIANCE).calibrationPhase(false)
                            .linesPerAcquisition(lines).build(),
                    ProgressListener.NONE, CancelToken.none());
            int[] firstTwo = Arrays.copyOf(r.activeColumns(), 2);
            Set<Integer> pairs = new HashSet<>();
            for (int column : firstTwo) {
                assertTrue(set(strongCentred).contains(column),
                        "picked " + column + " of " + Arrays.toString(r.activeColumns()));
                pairs.add(Math.abs(column - WIDTH / 2));
            }
            assertEquals(Set.of(6, 11), pairs, "one column of each conjugate pair, " + lines + " line(s) per step");
            assertEquals(lines == 2, r.order().get(1).step() == r.order().get(2).step());
        }
    }

    @Test
    void multiCoilRunWithSmoothMapsFitsTheDataAndFindsTheImage() {
        int coils = 4;
        CoilArray maps = org.diffprior.physics.CoilSensitivities.simulate(HEIGHT, WIDTH, coils);
        float[] ones = new float[HEIGHT * WIDTH];
        Arrays.fill(ones, 1f);
        float[] kspace = new float[2 * coils * HEIGHT * WIDTH];
        new org.diffprior.physics.MultiCoilCartesianMri(HEIGHT, WIDTH, ones, maps.data(), coils)
                .apply(MIXTURE.images[TRUTH], kspace);
        ActiveSubsampling.Result r = run(new CoilArray(HEIGHT, WIDTH, coils, kspace), maps, settings().build());
        assertEquals(WIDTH / 4, maskColumns(r.mask()).size());
        for (int i = 0; i < kspace.length; i++) {
            int pixel = (i / 2) % (HEIGHT * WIDTH);
            assertEquals(r.mask()[pixel] != 0 ? kspace[i] : 0f, r.data()[i], 0f);
        }
        assertTrue(Metrics.psnr(MIXTURE.magnitude(TRUTH), r.magnitude()) > 30,
                "psnr " + Metrics.psnr(MIXTURE.magnitude(TRUTH), r.magnitude()) + " order " + r.order());
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Test
    void sameSeedSameRun() {
        CoilArray kspace = new CoilArray(HEIGHT, WIDTH, 1, MIXTURE.kspaces[TRUTH]);
        ActiveSubsampling.Result a = run(kspace, null, settings().seed(2).build());
        ActiveSubsampling.Result b = run(kspace, null, settings().seed(2).build());
        assertEquals(a.order(), b.order());
        assertArrayEquals(a.magnitude(), b.magnitude(), 0f);
        assertArrayEquals(a.std(), b.std(), 0f);
    }
}
