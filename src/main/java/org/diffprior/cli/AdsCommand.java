package org.diffprior.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.diffprior.active.ActiveSubsampling;
import org.diffprior.active.AdsSettings;
import org.diffprior.active.ColumnSelection;
import org.diffprior.active.RetrospectiveSource;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.SliceRange;
import org.diffprior.io.Stacks;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.diffprior.prior.Denoiser;
import org.diffprior.task.KspaceFile;
import org.diffprior.task.Priors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diffprior ads}: active diffusion subsampling of fully sampled k-space (retrospective): chooses which
 * columns to acquire while reconstructing, and writes the image, the mask, the acquisition order and the mask
 * filling up. A rendering of {@link AdsSettings}: its options are the settings' parameters with their defaults,
 * and it checks nothing the settings check.
 *
 * <pre>
 * diffprior ads --kspace full.cfl --out x.tif --mask-out mask.tif --order-out order.csv --acceleration 8
 * diffprior ads --kspace file1000000.h5 --slices 17 --out x.tif --mask-out mask.tif --estimate-sens
 * </pre>
 */
@Command(name = "ads", mixinStandardHelpOptions = true,
        description = "Active diffusion subsampling: choose k-space lines to acquire and reconstruct.")
final class AdsCommand extends CliCommand {

    /** A prior for images of a given size, and the intensity scale it expects (NaN: images of robust maximum 1). */
    record Prior(Denoiser denoiser, double intensityScale) {
    }

    /** Resolves {@code --model} (null when not given); tests swap in an analytic prior. */
    @FunctionalInterface
    interface ModelResolver {
        Prior open(String model, int height, int width);
    }

    static ModelResolver models = AdsCommand::bundledOrDirectory;

    @Option(names = "--kspace", required = true,
            description = "fully sampled k-space as a BART .cfl/.hdr pair (H×W, or H×W×1×C) or a fastMRI .h5 file "
                    + "(dataset kspace of a training or validation file; test files are undersampled)")
    Path kspace;

    @Option(names = "--slices", defaultValue = SliceRange.DEFAULT,
            description = "the slice to use, counted from 0, when the file holds several (default: ${DEFAULT-VALUE}, "
                    + "for a file of one slice)")
    String slices;

    @Option(names = "--out", required = true, description = "output magnitude image (float32 TIFF)")
    Path out;

    @Option(names = "--mask-out", required = true, description = "output acquired 0/1 mask (float32 TIFF)")
    Path maskOut;

    @Option(names = "--order-out", description = "output CSV of the acquisition order (order,step,column,kind)")
    Path orderOut;

    @Option(names = "--std-out", description = "output posterior standard deviation over the particles (float32 TIFF)")
    Path stdOut;

    @Option(names = "--filling-out", description = "output stack of the mask after each acquisition (float32 TIFF)")
    Path fillingOut;

    @Option(names = {"--sensitivities", "--sens"}, description = "coil sensitivity maps as a BART .cfl (H×W×1×C)")
    Path sensitivities;

    @Option(names = "--estimate-sens",
            description = "estimate coil sensitivities with ESPIRiT from the calibration columns")
    boolean estimateSens;

    @Option(names = "--acceleration", defaultValue = "" + AdsSettings.DEFAULT_ACCELERATION,
            description = "R: floor(W/R) columns in all, calibration included (default: ${DEFAULT-VALUE})")
    double acceleration;

    @Option(names = "--center-fraction",
            description = "calibration columns as a fraction of W (default 0.08 for R <= 6, else 0.04; 0 = centre line only)")
    Double centerFraction;

    @Option(names = "--particles", defaultValue = "" + AdsSettings.DEFAULT_PARTICLES,
            description = "posterior particles, " + AdsSettings.MIN_PARTICLES + ".." + AdsSettings.MAX_PARTICLES
                    + " (default: ${DEFAULT-VALUE})")
    int particles;

    @Option(names = "--steps", defaultValue = "" + AdsSettings.DEFAULT_STEPS, description = "reverse diffusion steps, "
            + AdsSettings.MIN_STEPS + ".." + AdsSettings.MAX_STEPS + " (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rule", defaultValue = AdsSettings.DEFAULT_RULE,
            description = "column scoring: " + ColumnSelection.Rule.NAMES + " (default: ${DEFAULT-VALUE})")
    String rule;

    @Option(names = "--sigma-e", defaultValue = "" + AdsSettings.DEFAULT_SIGMA_E,
            description = "σ_e of the entropy rule, relative to an image of robust maximum 1 (default: ${DEFAULT-VALUE})")
    double sigmaE;

    @Option(names = "--lines-per-acquisition", defaultValue = "" + AdsSettings.DEFAULT_LINES_PER_ACQUISITION,
            description = "columns acquired together (default: ${DEFAULT-VALUE})")
    int linesPerAcquisition;

    @Option(names = "--window", defaultValue = AdsSettings.DEFAULT_WINDOW_START + ":" + AdsSettings.DEFAULT_WINDOW_STOP,
            description = "acquisition window START:STOP as fractions of the steps (default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--model", description = "prior model: bundled or user model name, or model directory (default: "
            + "the bundled MRI prior; 'diffprior models' lists them)")
    String model;

    @Option(names = "--seed", defaultValue = "" + AdsSettings.DEFAULT_SEED,
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    protected void declareFiles(CallFiles files) {
        files.input("kspace", Cfl.files(kspace));
        if (sensitivities != null) {
            files.input("sensitivities", Cfl.files(sensitivities));
        }
        files.output("out", out).output("mask_out", maskOut).output("std_out", stdOut)
                .output("filling_out", fillingOut).output("order_out", orderOut);
    }

    @Override
    protected int execute() throws Exception {
        if (sensitivities != null && estimateSens) {
            throw InvalidInputException.of("sensitivities", "give either {sensitivities} or {estimate_sens}, not both");
        }
        AdsSettings settings = settings();
        CoilArray full = KspaceFile.readOne(kspace, SliceRange.parse(slices));
        requireFullySampled(full, kspace);
        RetrospectiveSource source = new RetrospectiveSource(full);
        CoilArray maps = null;
        if (sensitivities != null) {
            maps = CoilArray.fromCfl(Cfl.read(sensitivities), sensitivities.toString());
        } else if (estimateSens) {
            maps = ActiveSubsampling.estimateSensitivities(source, settings);
        }
        Prior prior = models.open(model, source.rows(), source.columns());
        settings = settings.toBuilder().intensityScale(prior.intensityScale()).build();
        ActiveSubsampling.Result result = ActiveSubsampling.run(prior.denoiser(), source, maps, settings,
                new ConsoleProgress(System.err), CancelToken.none());
        int w = result.width();
        int h = result.height();
        try (AtomicFiles.Transaction outputs = AtomicFiles.transaction()) {
            outputs.stage(out, Tiffs.writer(FloatImage.of(w, h, result.magnitude())));
            outputs.stage(maskOut, Tiffs.writer(FloatImage.of(w, h, result.mask())));
            if (stdOut != null) {
                outputs.stage(stdOut, Tiffs.writer(FloatImage.of(w, h, result.std())));
            }
            if (fillingOut != null) {
                outputs.stage(fillingOut, Tiffs.writer(filling(result)));
            }
            if (orderOut != null) {
                outputs.stage(orderOut, orderWriter(result.order()));
            }
            outputs.commit();
        }
        return OK;
    }

    /**
     * Refuses undersampled k-space (a zero column between columns holding data, as in fastMRI's test files): its
     * missing columns cannot be acquired. Zero columns at the edges are zero-padding (fastMRI's knee files) and stay.
     */
    static void requireFullySampled(CoilArray full, Path file) {
        int points = full.height() * full.width();
        boolean[] holdsData = new boolean[full.width()];
        float[] data = full.data();
        for (int i = 0; i < data.length; i += 2) {
            if (data[i] != 0 || data[i + 1] != 0) {
                holdsData[(i / 2 % points) % full.width()] = true;
            }
        }
        int first = 0;
        int last = full.width() - 1;
        while (first < last && !holdsData[first]) {
            first++;
        }
        while (last > first && !holdsData[last]) {
            last--;
        }
        for (int x = first; x <= last; x++) {
            if (!holdsData[x]) {
                throw InvalidInputException.of("kspace", "{kspace} " + file + " is undersampled (column " + x
                        + " holds no data between columns that do); ads needs fully sampled k-space, e.g. a fastMRI "
                        + "training or validation file, not a test file");
            }
        }
    }

    private AdsSettings settings() {
        String[] parts = window.split(":");
        double start;
        double stop;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            start = Double.parseDouble(parts[0]);
            stop = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("window", "{window} must be START:STOP fractions such as 0.1:0.5, got '"
                    + window + "'");
        }
        return AdsSettings.builder().acceleration(acceleration)
                .centerFraction(centerFraction == null ? Double.NaN : centerFraction).particles(particles)
                .steps(steps).rule(rule).sigmaE(sigmaE).linesPerAcquisition(linesPerAcquisition).window(start, stop)
                .seed(seed).build();
    }

    private static FloatImage filling(ActiveSubsampling.Result result) {
        // No active acquisition (nothing left to choose): the mask alone.
        List<float[]> planes = result.filling().isEmpty() ? List.of(result.mask()) : result.filling();
        return Stacks.planeByPlane(planes.size(), result.width(), result.height(), planes::get);
    }

    private static AtomicFiles.Writer orderWriter(List<ActiveSubsampling.Acquisition> order) {
        return file -> {
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write("order,step,column,kind\n");
                for (int i = 0; i < order.size(); i++) {
                    ActiveSubsampling.Acquisition a = order.get(i);
                    writer.write(i + "," + a.step() + "," + a.column() + "," + (a.step() < 0 ? "calibration" : "active")
                            + "\n");
                }
            }
        };
    }

    /**
     * The model named, else the bundled MRI prior (the one default-model rule, {@link Priors#modelName}), through the
     * DJL model store (loaded once, cached).
     */
    private static Prior bundledOrDirectory(String model, int height, int width) {
        // The bundled priors are trained on magnitude images scaled to [0, 1]: let the task normalise the data.
        return new Prior(Priors.open(Priors.modelName(model, Priors.Task.MRI)), Double.NaN);
    }
}
