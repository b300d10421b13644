package org.diffprior.command;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

import org.diffprior.active.ActiveSubsampling;
import org.diffprior.active.AdsSettings;
import org.diffprior.active.ColumnSelection;
import org.diffprior.active.RetrospectiveSource;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CoilArray;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.Priors;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › DiffPrior › Active Subsampling: chooses which k-space columns to acquire while reconstructing
 * (active diffusion subsampling, {@link ActiveSubsampling}) from fully sampled k-space, a BART .cfl file or
 * k-space simulated from the current image. Macro:
 * {@code run("Active Subsampling", "source=simulate acceleration=8 particles=8 steps=50 rule=entropy");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>DiffPrior>Active Subsampling", headless = true)
public final class ActiveSubsamplingCommand extends TaskCommand {

    @Parameter(label = "Image (simulate)", required = false)
    private RandomAccessibleInterval<? extends RealType<?>> image;

    @Parameter(label = "Data", choices = {"simulate", "file"}, persist = false)
    private String source = "simulate";

    @Parameter(label = "Fully sampled k-space (.cfl, file)", required = false, style = "open", persist = false)
    private File kspace;

    @Parameter(label = "Coil sensitivities (.cfl, optional)", required = false, style = "open", persist = false)
    private File sensitivities;

    @Parameter(label = "Estimate coil sensitivities (ESPIRiT, multi-coil files)")
    private boolean estimate_sens = true;

    @Parameter(label = "Acceleration (floor(W/R) columns in all)", min = "1")
    private double acceleration = 4;

    @Parameter(label = "Centre fraction (< 0 = default, 0 = centre column only)", min = "-1", max = "1")
    private double center_fraction = -1;

    @Parameter(label = "Particles", min = "2", max = "256")
    private int particles = 8;

    @Parameter(label = "Diffusion steps", min = "2", max = "1000")
    private int steps = 50;

    @Parameter(label = "Column scoring", choices = {"entropy", "variance"})
    private String rule = "entropy";

    @Parameter(label = "Model (empty = bundled)", required = false)
    private String model = "";

    @Parameter(label = "Seed")
    private long seed;

    @Parameter(label = "Coils (simulate)", min = "1", max = "64")
    private int coils = 1;

    @Parameter(type = ItemIO.OUTPUT, label = "Active subsampling reconstruction")
    private Img<FloatType> reconstruction;

    @Parameter(type = ItemIO.OUTPUT, label = "Posterior std")
    private Img<FloatType> std;

    @Parameter(type = ItemIO.OUTPUT, label = "Sampling mask")
    private Img<FloatType> sampling_mask;

    @Parameter(type = ItemIO.OUTPUT, label = "Mask filling (one plane per acquisition)")
    private Img<FloatType> mask_filling;

    @Parameter(type = ItemIO.OUTPUT, label = "Acquisition order (column@step, step -1 = calibration)")
    private String acquisition_order;

    @Override
    protected void execute() throws IOException {
        AdsSettings settings = settings();
        RetrospectiveSource measured;
        CoilArray maps;
        if ("simulate".equals(source)) {
            FloatImage picture = Planes.in(image, "image");
            // Centre fraction 1: every column is "calibration", i.e. the fully sampled k-space to choose from.
            MriSimulation.Result sim = MriSimulation.simulate(picture.data(), picture.width(), picture.height(),
                    new MriSimulation.Settings(1, "equispaced", 1.0, coils, 0, seed));
            measured = new RetrospectiveSource(sim.kspace());
            maps = sim.sensitivities();
        } else {
            if (kspace == null) {
                throw new InvalidInputException("source=file needs kspace=FILE.cfl (fully sampled k-space)");
            }
            measured = new RetrospectiveSource(CoilArray.fromCfl(Cfl.read(kspace.toPath()), kspace.getName()));
            maps = sensitivities != null ? CoilArray.fromCfl(Cfl.read(sensitivities.toPath()), sensitivities.getName())
                    : measured.coils() > 1 ? fromCalibration(measured, settings) : null;
        }
        checkCalibrationFits(measured.columns(), settings);
        ActiveSubsampling.Result result = ActiveSubsampling.run(DiffusionChoice.prior(model, Priors.Task.MRI), measured,
                maps, settings, progress(), cancelToken());
        int width = result.width();
        int height = result.height();
        List<float[]> filling = result.filling().isEmpty() ? List.of(result.mask()) : result.filling();
        reconstruction = Planes.out(width, height, result.magnitude());
        std = Planes.out(width, height, result.std());
        sampling_mask = Planes.out(width, height, result.mask());
        mask_filling = Planes.stack(width, height, filling.toArray(float[][]::new));
        acquisition_order = order(result.order());
        info(String.format(Locale.ROOT, "active subsampling R=%s, %d columns, %d particles, %d step(s) in %.1f s",
                acceleration, result.order().size(), particles, steps, result.seconds()));
    }

    private AdsSettings settings() {
        ColumnSelection.Rule scoring = switch (rule == null ? "" : rule.trim().toLowerCase(Locale.ROOT)) {
            case "entropy" -> ColumnSelection.Rule.ENTROPY;
            case "variance" -> ColumnSelection.Rule.MAX_VARIANCE;
            default -> throw new InvalidInputException("unknown rule '" + rule + "'; use rule=entropy or rule=variance");
        };
        if (particles < 2 || particles > 256) {
            throw new InvalidInputException("particles must lie in 2..256, got " + particles);
        }
        if (steps < 2 || steps > 1000) {
            throw new InvalidInputException("steps must lie in 2..1000, got " + steps);
        }
        return AdsSettings.builder().acceleration(acceleration)
                .centerFraction(center_fraction < 0 ? Double.NaN : center_fraction).particles(particles)
                .steps(steps).rule(scoring).seed(seed).build();
    }

    /** Checked here so that Fiji users read their macro key, not the command line's --option. */
    private void checkCalibrationFits(int width, AdsSettings settings) {
        int calibration = (int) Math.floor(settings.effectiveCenterFraction() * width);
        int budget = ActiveSubsampling.budget(width, acceleration);
        if (calibration > budget) {
            throw new InvalidInputException("calibration region of " + calibration + " columns exceeds the " + budget
                    + " columns allowed by acceleration " + acceleration + "; lower center_fraction");
        }
    }

    /** Maps from the calibration columns, when the user asked for estimation. */
    private CoilArray fromCalibration(RetrospectiveSource measured, AdsSettings settings) {
        if (!estimate_sens) {
            throw new InvalidInputException("multi-coil k-space needs coil sensitivities; give sensitivities=FILE.cfl or estimate_sens");
        }
        return ActiveSubsampling.estimateSensitivities(measured, settings);
    }

    /** E.g. {@code 15@-1 16@-1 5@5 22@6}: column@reverse step, in acquisition order, calibration (step −1) first. */
    static String order(List<ActiveSubsampling.Acquisition> order) {
        return order.stream().map(a -> a.column() + "@" + a.step()).collect(Collectors.joining(" "));
    }
}
