package org.diffprior.bench;

import java.nio.file.Path;

import org.diffprior.classical.TotalVariationCt;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.TransmissionNoise;
import org.diffprior.prior.Denoiser;
import org.diffprior.task.CtDiffusion;
import org.diffprior.task.CtNoise;
import org.diffprior.task.CtSimulation;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.DiffusionSettings;
import org.diffprior.task.MriDiffusion;
import org.diffprior.task.Priors;
import org.diffprior.task.SrDiffusion;

/**
 * Sampler settings on validation images only (never the benchmark's test images): how the defaults in
 * {@link DiffusionSettings} and the step placement were chosen. Each run prints PSNR of the diffusion mean.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.ValidationSweep \
 *     mri MODEL IMAGE.tif  R MASK STEPS SAMPLES ETA CG  [R MASK STEPS SAMPLES ETA CG ...]
 *     ct  MODEL STACK.tif COUNT VIEWS STEPS SAMPLES ETA CG [tv]
 *     sr  MODEL STACK.tif COUNT SCALE STEPS SAMPLES ETA CG
 * </pre>
 * e.g. {@code mri colin27-brain-64 test-images/colin27_heldout_axial104_128.tif 8 random 50 2 1 5} (plane 104
 * is the brain prior's validation plane), {@code ct ct-64 data/ct-phantoms/val.tif 4 30 50 1 1 5 tv} (held-out
 * phantoms of {@code scripts/training/make_ct_phantoms.py}). {@code -Dseed=N} sets the sampler seed (default 1);
 * {@code -Di0=1e5} adds photon-counting noise with that many incident photons per ray to the CT sinograms,
 * {@code -Ddiscrepancy=true} tells diffusion that photon count, {@code -Dlambda=} sets TV's relative weight;
 * {@code -Dnoise=σ} adds Gaussian noise to the SR inputs, {@code -Dknown=true} tells diffusion σ (or
 * {@code -Dassumed=σ'}, to measure a wrong noise level).
 */
public final class ValidationSweep {

    private ValidationSweep() {
    }

    public static void main(String[] args) {
        long seed = Long.getLong("seed", 1);
        switch (args[0]) {
            case "mri" -> mri(args, seed);
            case "ct" -> ct(args, seed);
            case "sr" -> sr(args, seed);
            default -> throw new IllegalArgumentException("first argument: mri, ct or sr");
        }
    }

    private static DiffusionSettings settings(String[] args, int at, long seed) {
        return new DiffusionSettings(Integer.parseInt(args[at]), Integer.parseInt(args[at + 1]), seed,
                Double.parseDouble(args[at + 2]), Integer.parseInt(args[at + 3]));
    }

    private static void mri(String[] args, long seed) {
        Denoiser prior = Priors.open(args[1]);
        float[] truth = ImageFiles.read(Path.of(args[2])).data();
        int n = (int) Math.round(Math.sqrt(truth.length));
        for (int a = 3; a + 5 < args.length; a += 6) {
            double r = Double.parseDouble(args[a]);
            String maskType = args[a + 1];
            DiffusionSettings settings = settings(args, a + 2, seed);
            DiffusionBenchmark.SimulatedMri simulated = DiffusionBenchmark.simulateMri(truth, r, maskType);
            DiffusionOutput out = MriDiffusion.run(simulated.kspace(), simulated.mask(), null, prior, settings,
                    ProgressListener.NONE, CancelToken.none());
            System.out.printf("MRI R=%.0f %s %s: PSNR %.2f SSIM %.3f %.1f s%n", r, maskType, settings,
                    Metrics.psnr(truth, out.mean()), Metrics.ssim(truth, out.mean(), n, n), out.seconds());
        }
    }

    private static void ct(String[] args, long seed) {
        Denoiser prior = Priors.open(args[1]);
        FloatImage stack = ImageFiles.read(Path.of(args[2]));
        int count = Math.min(Integer.parseInt(args[3]), stack.slices());
        int views = Integer.parseInt(args[4]);
        DiffusionSettings settings = settings(args, 5, seed);
        boolean tv = args.length > 9 && args[9].equals("tv");
        double incidentPhotons = Double.parseDouble(System.getProperty("i0", "0"));
        double tvLambda = Double
                .parseDouble(System.getProperty("lambda", "" + TotalVariationCt.DEFAULT_RELATIVE_LAMBDA));
        int n = stack.width();
        double[] angles = DiffusionBenchmark.evenAngles(views);
        ParallelBeamProjector projector = new ParallelBeamProjector(n, angles);
        double diffusion = 0;
        double classical = 0;
        for (int k = 0; k < count; k++) {
            float[] truth = DiffusionBenchmark.insideCircle(stack.slice(k), n);
            float[] sinogram = CtSimulation.sinogram(truth, n, angles, incidentPhotons,
                    TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL, k);
            CtNoise noise = incidentPhotons > 0 && Boolean.getBoolean("discrepancy")
                    ? new CtNoise(incidentPhotons, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL) : null;
            diffusion += Metrics.psnr(truth, CtDiffusion.runSlices(java.util.List.of(sinogram), angles, n, prior,
                    settings, noise, ProgressListener.NONE, CancelToken.none()).get(0).mean());
            if (tv) {
                classical += Metrics.psnr(truth, new TotalVariationCt(projector, tvLambda,
                        TotalVariationCt.DEFAULT_ITERATIONS).reconstruct(sinogram, ProgressListener.NONE,
                                CancelToken.none()));
            }
        }
        System.out.printf("CT %d views%s %s: diffusion %.2f dB%s (mean of %d)%n", views,
                incidentPhotons > 0 ? String.format(" I0 %.0e", incidentPhotons) : "", settings, diffusion / count,
                tv ? String.format(", tv %.2f dB", classical / count) : "", count);
    }

    private static void sr(String[] args, long seed) {
        Denoiser prior = Priors.open(args[1]);
        FloatImage stack = ImageFiles.read(Path.of(args[2]));
        int count = Math.min(Integer.parseInt(args[3]), stack.slices());
        int scale = Integer.parseInt(args[4]);
        DiffusionSettings settings = settings(args, 5, seed);
        int n = stack.width();
        BoxDownsampling box = new BoxDownsampling(n, n, scale);
        double noiseSigma = Double.parseDouble(System.getProperty("noise", "0"));
        double assumedSigma = Double.parseDouble(System.getProperty("assumed", "" + noiseSigma));
        double diffusion = 0;
        double lanczos = 0;
        for (int k = 0; k < count; k++) {
            float[] truth = stack.slice(k);
            float[] low = new float[box.outputSize()];
            box.apply(truth, low);
            DiffusionBenchmark.addGaussianNoise(low, noiseSigma, k);
            diffusion += Metrics.psnr(truth, SrDiffusion.run(low, n / scale, n / scale, scale, "box",
                    Boolean.getBoolean("known") ? assumedSigma : 0, prior, settings, ProgressListener.NONE,
                    CancelToken.none()).mean());
            lanczos += Metrics.psnr(truth, DiffusionBenchmark.lanczosConsistent(low, n, scale, box));
        }
        System.out.printf("SR x%d%s %s: diffusion %.2f dB, lanczos+dc %.2f dB (mean of %d)%n", scale,
                String.format(" noise %.3f%s", noiseSigma, Boolean.getBoolean("known")
                        ? String.format(", diffusion told %.3f", assumedSigma) : ""),
                settings, diffusion / count, lanczos / count, count);
    }
}
