package org.diffprior.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.diffprior.active.ActiveSubsampling;
import org.diffprior.active.AdsSettings;
import org.diffprior.active.ColumnSelection;
import org.diffprior.active.RetrospectiveSource;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.DjlDenoiser;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Nifti;
import org.diffprior.io.TrainingData;
import org.diffprior.physics.CenteredFft2;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.SamplingMasks;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.GaussianPriorDenoiser;

/**
 * Active diffusion subsampling against fixed masks at the same budget, with the same prior and the same DDS
 * solver ({@link ActiveSubsampling#reconstruct}): 1-D random, equispaced and variable-density random (weight
 * (1 − |k|/k_max)²) masks with the same calibration columns, a centred block of all floor(W/R) columns (low-pass), and a 2-D variable-density Poisson-disc mask of the same number of k-space points. Held-out Colin27
 * slices ({@code test-images/colin27_val_*_128.tif} for the Gaussian prior, the bundled DJL priors' held-out
 * {@code test-images/colin27_heldout_axial*_128.tif} with {@code --model}), single-coil k-space simulated from the real slice without
 * noise, R = 4 and 8; PSNR / SSIM of the magnitude against the slice, seconds per slice. A main class, not a test.
 *
 * <p>Prior: {@code --prior gaussian} (default) is the stationary Gaussian prior whose power spectrum and mean are
 * those of the Colin27 axial training planes at 128×128 ({@link TrainingData} split; the validation slices are
 * not used), an analytic stand-in; {@code --model NAME|DIR} uses a DJL prior instead (e.g. the bundled brain prior).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.AdsBenchmark [--model colin27-brain-64]
 *         [--steps 50] [--particles 8] [--acceleration 4] [--slices axial079,coronal094] [--no-variance] [--verbose]
 *         [--images STACK.tif --planes 2,7]   (planes of a stack instead, e.g. the held-out val.tif of
 *                                              scripts/training/extract_colin27_slices.py, which the bundled prior never saw)
 * </pre>
 */
public final class AdsBenchmark {

    /** Validation planes of the {@link TrainingData} split (never in the Gaussian prior's training planes). */
    private static final String[] SLICES = {"axial079", "coronal094", "sagittal079"};
    /** Axial planes held out from the bundled DJL priors' training (scripts/training/extract_colin27_slices.py). */
    private static final String[] HELD_OUT = {"test-images/colin27_heldout_axial096_128.tif",
            "test-images/colin27_heldout_axial100_128.tif", "test-images/colin27_heldout_axial104_128.tif"};
    private static final int SIZE = 128;

    private AdsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String model = null;
        String[] slices = null;
        int steps = 50;
        boolean verbose = false;
        boolean variance = true;
        Path images = null;
        String[] planes = {"0"};
        int particles = 8;
        double[] accelerations = {4, 8};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--particles" -> particles = Integer.parseInt(args[++i]);
                case "--model" -> model = args[++i];
                case "--verbose" -> verbose = true;
                case "--slices" -> slices = args[++i].split(",");
                case "--images" -> images = Path.of(args[++i]);
                case "--planes" -> planes = args[++i].split(",");
                case "--no-variance" -> variance = false;
                case "--acceleration" -> accelerations = new double[] {Double.parseDouble(args[++i])};
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Denoiser prior;
        if (model == null) {
            prior = trainingSpectrumPrior();
            System.out.println(
                    "prior: Gaussian with the mean power spectrum of the Colin27 axial training planes (128x128)");
        } else {
            prior = DjlDenoiser.open(model);
            System.out.println("prior: DJL model " + model + " (" + prior.channels() + " channel(s))");
        }
        System.out.printf(Locale.ROOT, "steps %d, particles %d, DDS (DDIM eta 0.5, 5 CG), single coil, noiseless%n",
                steps,
                particles);
        System.out.printf(Locale.ROOT, "%-18s %3s %-22s %8s %7s %8s%n", "slice", "R", "mask", "PSNR", "SSIM",
                "seconds");
        Map<String, double[]> totals = new LinkedHashMap<>();
        if (images != null) {
            slices = planes;
        } else if (slices == null) {
            slices = model == null ? SLICES : HELD_OUT;
        }
        for (double r : accelerations) {
            for (String slice : slices) {
                float[] truth = images != null ? ImageFiles.read(images).slice(Integer.parseInt(slice))
                        : ImageFiles.read(Path.of(slice.endsWith(".tif") ? slice
                                : "test-images/colin27_val_" + slice + "_128.tif")).data();
                String name = slice.endsWith(".tif") ? Path.of(slice).getFileName().toString().replace("_128.tif", "")
                        .replace("colin27_", "") : slice;
                CoilArray kspace = simulate(truth);
                AdsSettings settings = AdsSettings.builder().acceleration(r)
                        .steps(steps).particles(particles).seed(1).build();
                double centre = settings.effectiveCenterFraction();
                List<Object[]> runs = new ArrayList<>();
                runs.add(new Object[] {"ADS entropy", settings});
                if (variance) {
                    runs.add(new Object[] {"ADS variance",
                            settings.toBuilder().rule(ColumnSelection.Rule.MAX_VARIANCE).build()});
                }
                runs.add(new Object[] {"random 1-D", SamplingMasks.random1d(SIZE, SIZE, r, centre, 7)});
                runs.add(new Object[] {"equispaced 1-D", SamplingMasks.equispaced1d(SIZE, SIZE, r, centre, 7)});
                runs.add(new Object[] {"VD random 1-D", SamplingMasks.variableDensity1d(SIZE, SIZE, r, centre, 2, 7)});
                // All floor(W/R) columns as one centred block: what ADS converges to for a stationary prior.
                double block = (double) ActiveSubsampling.budget(SIZE, r) / SIZE;
                runs.add(new Object[] {"low-pass 1-D", SamplingMasks.random1d(SIZE, SIZE, r, block, 7)});
                runs.add(new Object[] {"Poisson-disc 2-D", SamplingMasks.poissonDisc2d(SIZE, SIZE, r, centre, 7)});
                for (Object[] run : runs) {
                    ActiveSubsampling.Result result;
                    if (run[1] instanceof AdsSettings s) {
                        result = ActiveSubsampling.run(prior, new RetrospectiveSource(kspace), null, s,
                                ProgressListener.NONE, CancelToken.none());
                    } else {
                        result = ActiveSubsampling.reconstruct(prior, kspace, null, (float[]) run[1], settings,
                                ProgressListener.NONE, CancelToken.none());
                    }
                    if (verbose && run[1] instanceof AdsSettings) {
                        System.out.println("  order: " + java.util.Arrays.toString(result.activeColumns()));
                    }
                    double psnr = Metrics.psnr(truth, result.magnitude());
                    double ssim = Metrics.ssim(truth, result.magnitude(), SIZE, SIZE);
                    String label = (String) run[0] + " (" + String.format(Locale.ROOT, "%.2f",
                            SamplingMasks.acceleration(result.mask())) + ")";
                    System.out.printf(Locale.ROOT, "%-18s %3.0f %-22s %8.2f %7.4f %8.2f%n", name, r, label, psnr, ssim,
                            result.seconds());
                    System.out.flush();
                    double[] t = totals.computeIfAbsent(String.format(Locale.ROOT, "R=%.0f %s", r, run[0]),
                            k -> new double[4]);
                    t[0] += psnr;
                    t[1] += ssim;
                    t[2] += result.seconds();
                    t[3]++;
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-24s %8s %7s %8s%n", "mean over slices", "PSNR", "SSIM", "s/slice");
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            double[] t = e.getValue();
            System.out.printf(Locale.ROOT, "%-24s %8.2f %7.4f %8.2f%n", e.getKey(), t[0] / t[3], t[1] / t[3],
                    t[2] / t[3]);
        }
    }

    /** Centred orthonormal k-space of a real image, one coil. */
    static CoilArray simulate(float[] image) {
        float[] k = new float[2 * image.length];
        for (int i = 0; i < image.length; i++) {
            k[2 * i] = image[i];
        }
        new CenteredFft2(SIZE, SIZE).forward(k);
        return new CoilArray(SIZE, SIZE, 1, k);
    }

    /** Gaussian prior with the mean periodogram and mean of the Colin27 axial training planes. */
    static GaussianPriorDenoiser trainingSpectrumPrior() throws Exception {
        Path dir = Files.createTempDirectory("ads-bench");
        TrainingData.writeColin27(Nifti.read(TrainingData.COLIN27), dir, new int[] {SIZE});
        FloatImage train = ImageFiles.read(dir.resolve("colin27/train/axial_" + SIZE + ".tif"));
        int n = SIZE * SIZE;
        double mean = 0;
        for (float v : train.data()) {
            mean += v;
        }
        mean /= train.data().length;
        double[] spectrum = new double[n];
        for (int s = 0; s < train.slices(); s++) {
            double[] p = GaussianPriorDenoiser.periodogram(train.slice(s), SIZE, SIZE, mean);
            for (int i = 0; i < n; i++) {
                spectrum[i] += p[i] / train.slices();
            }
        }
        return new GaussianPriorDenoiser(SIZE, SIZE, spectrum, mean);
    }
}
