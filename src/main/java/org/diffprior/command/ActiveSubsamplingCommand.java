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
 * k-space simulated from the current image. A rendering of {@link AdsSettings}: its parameters are the settings'
 * (same defaults, bounds and checks), plus the data. Macro:
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
    private double acceleration = AdsSettings.DEFAULT_ACCELERATION;

    @Parameter(label = "Centre fraction (< 0 = default, 0 = centre column only)", min = "-1", max = "1")
    private double center_fraction = -1;

    @Parameter(label = "Particles", min = "" + AdsSettings.MIN_PARTICLES, max = "" + AdsSettings.MAX_PARTICLES)
    private int particles = AdsSettings.DEFAULT_PARTICLES;

    @Parameter(label = "Diffusion steps", min = "" + AdsSettings.MIN_STEPS, max = "" + AdsSettings.MAX_STEPS)
    private int steps = AdsSettings.DEFAULT_STEPS;

    // The dialog offers the canonical names; a macro may also write rule=max-variance, as the command line.
    @Parameter(label = "Column scoring", choices = {"entropy", "variance"})
    private String rule = AdsSettings.DEFAULT_RULE;

    @Parameter(label = "Model (empty = bundled)", required = false)
    private String model = "";

    @Parameter(label = "Seed")
    private long seed = AdsSettings.DEFAULT_SEED;

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
        AdsSettings settings = AdsSettings.builder().acceleration(acceleration)
                .centerFraction(center_fraction < 0 ? Double.NaN : center_fraction).particles(particles).steps(steps)
                .rule(rule).seed(seed).build();
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
            // Multi-coil data without maps are refused by the measurement, naming sensitivities= and estimate_sens=.
            maps = sensitivities != null ? CoilArray.fromCfl(Cfl.read(sensitivities.toPath()), sensitivities.getName())
                    : measured.coils() > 1 && estimate_sens
                            ? ActiveSubsampling.estimateSensitivities(measured, settings)
                            : null;
        }
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

    /** E.g. {@code 15@-1 16@-1 5@5 22@6}: column@reverse step, in acquisition order, calibration (step −1) first. */
    static String order(List<ActiveSubsampling.Acquisition> order) {
        return order.stream().map(a -> a.column() + "@" + a.step()).collect(Collectors.joining(" "));
    }
}
