package org.diffprior.task;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Montage;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Espirit;

/**
 * The montage of a reconstruction, the same for the command line ({@code --montage}), Fiji and ImageJ: input |
 * classical | diffusion | std of the middle plane, with PSNR/SSIM against a reference when one is given and the
 * seconds each method took. The input is what the measurement alone shows (zero-filled MRI, the sinogram, the
 * low-resolution image); the classical panel is the method asked for, or beside a diffusion method a quick classical
 * one rerun here (TV for MRI, FBP for CT, bicubic for SR).
 *
 * <pre>{@code
 * List<DiffusionOutput> planes = SrTask.run(request, progress, cancel);
 * Montage.writePng(ReconstructionMontage.sr(request, planes, null, progress, cancel), Path.of("sr.png"));
 * }</pre>
 */
public final class ReconstructionMontage {

    private ReconstructionMontage() {
    }

    public static BufferedImage mri(MriRequest request, List<DiffusionOutput> planes, FloatImage reference,
            ProgressListener progress, CancelToken cancel) {
        int z = planes.size() / 2;
        int width = request.width();
        int height = request.height();
        float[] truth = referencePlane(reference, width, height, z, planes.size());
        long start = System.nanoTime();
        CoilArray maps = maps(request, z);
        float[] zeroFilled = MriReconstruction.run(new MriReconstruction.Request(request.kspaces().get(z),
                request.masks().get(z), maps, MriReconstruction.Method.ZERO_FILLED, Double.NaN, 0,
                request.seed()), progress, cancel).magnitude();
        DiffusionOutput input = DiffusionOutput.pointEstimate(width, height, zeroFilled,
                (System.nanoTime() - start) / 1e9);
        DiffusionOutput classical = null;
        if (request.usesPrior()) {
            MriRequest tv = new MriRequest(List.of(request.kspaces().get(z)), List.of(request.masks().get(z)),
                    request.maskSource(),
                    maps == null ? null : List.of(maps), false, MriMethod.TV, Double.NaN, 0,
                    request.seed(), request.noiseSigma(), request.noise(), null, null, 0, 0);
            classical = MriTask.run(tv, progress, cancel).planes().get(0);
        }
        String heading = String.format(Locale.ROOT, "MRI, %.1f%% of k-space sampled",
                100 * sampled(request.masks().get(z)));
        return render(heading, planes, z, "zero-filled", input, List.of(), classical, "TV",
                request.method().label(), request.usesPrior(), truth);
    }

    public static BufferedImage ct(CtRequest request, List<DiffusionOutput> planes, FloatImage reference,
            ProgressListener progress, CancelToken cancel) {
        int z = planes.size() / 2;
        int size = request.size();
        float[] truth = referencePlane(reference, size, size, z, planes.size());
        FloatImage sinograms = request.sinograms();
        DiffusionOutput input = DiffusionOutput.pointEstimate(sinograms.width(), request.views(), sinograms.slice(z),
                0);
        DiffusionOutput classical = null;
        if (request.isDiffusion()) {
            CtRequest fbp = new CtRequest(FloatImage.of(sinograms.width(), request.views(), sinograms.slice(z)),
                    request.anglesDegrees(), "fbp", false, size, request.classical(), request.noise(), null, null, 0);
            classical = CtTask.run(fbp, progress, cancel).planes().get(0);
        }
        String heading = String.format(Locale.ROOT, "CT, %d views over %.0f°", request.views(),
                span(request.anglesDegrees()));
        return render(heading, planes, z, "sinogram", input,
                List.of(request.views() + " views × " + sinograms.width() + " bins"), classical, "FBP",
                request.auto() ? "auto" : request.method(), request.isDiffusion(), truth);
    }

    public static BufferedImage sr(SrRequest request, List<DiffusionOutput> planes, FloatImage reference,
            ProgressListener progress, CancelToken cancel) {
        int z = planes.size() / 2;
        float[] truth = referencePlane(reference, request.width(), request.height(), z, planes.size());
        FloatImage lowRes = request.lowRes();
        DiffusionOutput input = DiffusionOutput.pointEstimate(lowRes.width(), lowRes.height(), lowRes.slice(z), 0);
        DiffusionOutput classical = null;
        if (request.isDiffusion()) {
            SrRequest bicubic = new SrRequest(FloatImage.of(lowRes.width(), lowRes.height(), lowRes.slice(z)),
                    request.scale(), request.degradation(), "bicubic", false, request.noiseSigma(), null, null);
            classical = SrTask.run(bicubic, progress, cancel).get(0);
        }
        String heading = "Super-resolution ×" + request.scale() + " (" + request.degradation() + " degradation)";
        return render(heading, planes, z, "low-res", input,
                List.of(lowRes.width() + "×" + lowRes.height() + " → " + request.width() + "×" + request.height()),
                classical, "bicubic", request.method(), request.isDiffusion(), truth);
    }

    /**
     * Input | classical | result | std: {@code classical} is null when the result itself is classical; the std panel
     * only when the result has two samples or more.
     */
    private static BufferedImage render(String heading, List<DiffusionOutput> planes, int z, String inputTitle,
            DiffusionOutput input, List<String> inputFigures, DiffusionOutput classical, String classicalTitle,
            String method, boolean diffusion, float[] truth) {
        DiffusionOutput result = planes.get(z);
        double[] range = truth != null ? Montage.range(truth)
                : classical != null ? Montage.range(result.mean(), classical.mean()) : Montage.range(result.mean());
        if (planes.size() > 1) {
            heading += ", plane " + (z + 1) + " of " + planes.size();
        }
        List<Montage.Panel> panels = new ArrayList<>();
        boolean sameSize = input.width() == result.width() && input.height() == result.height();
        double[] inputRange = sameSize ? range : Montage.range(input.mean());
        List<String> figures = new ArrayList<>(inputFigures);
        if (sameSize) {
            figures.addAll(quality(input, truth));
        }
        panels.add(panel(inputTitle, input, inputRange, figures));
        if (classical != null) {
            panels.add(panel(classicalTitle, classical, range, withSeconds(classical, truth)));
        }
        panels.add(panel(method, result, range, withSeconds(result, truth)));
        if (diffusion && result.samples().length >= 2) {
            float[] std = result.std();
            double mean = 0;
            for (float v : std) {
                mean += v;
            }
            double[] stdRange = {0, Montage.range(std)[1]};
            panels.add(panel("std (" + result.samples().length + " samples)", result.std(), result, stdRange,
                    List.of(String.format(Locale.ROOT, "mean %.3g, shown 0–%.3g", mean / std.length, stdRange[1]))));
        }
        return Montage.render(heading, panels);
    }

    private static Montage.Panel panel(String title, DiffusionOutput out, double[] range, List<String> figures) {
        return panel(title, out.mean(), out, range, figures);
    }

    private static Montage.Panel panel(String title, float[] pixels, DiffusionOutput out, double[] range,
            List<String> figures) {
        return new Montage.Panel(title, out.width(), out.height(), pixels, range[0], range[1], figures);
    }

    private static List<String> withSeconds(DiffusionOutput out, float[] truth) {
        List<String> figures = new ArrayList<>(quality(out, truth));
        figures.add(String.format(Locale.ROOT, "%.2f s", out.seconds()));
        return figures;
    }

    private static List<String> quality(DiffusionOutput out, float[] truth) {
        if (truth == null) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "PSNR %.2f dB  SSIM %.4f", Metrics.psnr(truth, out.mean()),
                Metrics.ssim(truth, out.mean(), out.height(), out.width())));
    }

    /** Plane {@code z} of the reference (or its only plane); null if none. */
    private static float[] referencePlane(FloatImage reference, int width, int height, int z, int planes) {
        if (reference == null) {
            return null;
        }
        checkReference(reference, width, height, planes);
        return reference.slice(reference.slices() == 1 ? 0 : z);
    }

    /** Refuses a reference that is not of the output's size: one plane, or one per output plane. */
    public static void checkReference(FloatImage reference, int width, int height, int planes) {
        if (reference.width() != width || reference.height() != height
                || reference.slices() != 1 && reference.slices() != planes) {
            throw InvalidInputException.of("reference",
                    "{reference} is " + reference.width() + "x" + reference.height() + "x" + reference.slices()
                            + " but the output is " + width + "x" + height + "x" + planes
                            + "; give the ground truth of the same size");
        }
    }

    private static double sampled(float[] mask) {
        int count = 0;
        for (float v : mask) {
            if (v != 0) {
                count++;
            }
        }
        return count / (double) mask.length;
    }

    private static double span(double[] angles) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double a : angles) {
            low = Math.min(low, a);
            high = Math.max(high, a);
        }
        return angles.length < 2 ? 0 : (high - low) * angles.length / (angles.length - 1);
    }

    /** The coil maps of slice {@code z}: given, estimated by ESPIRiT when the request asks, or null. */
    private static CoilArray maps(MriRequest request, int z) {
        if (request.estimateSensitivities()) {
            return Espirit.estimate(request.kspaces().get(z), request.masks().get(z), Espirit.Settings.defaults());
        }
        return request.sensitivities() == null ? null : request.sensitivities().get(z);
    }
}
