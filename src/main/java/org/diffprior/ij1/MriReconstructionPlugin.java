package org.diffprior.ij1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.measure.Calibration;
import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.CoilArray;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.MriRequest;
import org.diffprior.task.MriSimulation;
import org.diffprior.task.MriTask;
import org.diffprior.task.ReconstructionMontage;

/**
 * Plugins › DiffPrior › MRI Reconstruction in plain ImageJ: the Fiji command's parameters and keys; k-space
 * simulated from the current plane, or a BART .cfl file with its mask image. Macro:
 * {@code run("MRI Reconstruction", "source=simulate acceleration=4 mask_type=random method=tv");}
 */
public final class MriReconstructionPlugin extends Ij1Command {

    /** What the dialog asks besides the diffusion fields; file paths empty when not given. */
    record Parameters(boolean simulate, String kspace, String mask, String sensitivities, boolean estimateSens,
            double acceleration, String maskType, double centerFraction, int coils, double noiseSigma,
            boolean estimateNoise, String method, int adaptSteps) {
    }

    @Override
    String title() {
        return "MRI Reconstruction";
    }

    @Override
    boolean needsImage() {
        return false;
    }

    @Override
    void addFields(GenericDialog dialog) {
        dialog.addChoice("Source (simulate from the picture, or files)", new String[] {"simulate", "file"},
                "simulate");
        dialog.addStringField("Kspace (.cfl, file)", "", 30);
        dialog.addStringField("Mask (image, file)", "", 30);
        dialog.addStringField("Sensitivities (.cfl, optional)", "", 30);
        dialog.addCheckbox("Estimate_sens (ESPIRiT, multi-coil files)", true);
        dialog.addNumericField("Acceleration (simulate)", 4, 1);
        dialog.addChoice("Mask_type (simulate)", MriSimulation.MASK_TYPES.toArray(String[]::new), "random");
        dialog.addNumericField("Center_fraction (simulate; 0 = default)", 0, 3);
        dialog.addNumericField("Coils (simulate)", 1, 0);
        dialog.addNumericField("Noise_sigma (k-space std; simulate adds it; 0 = estimate or none)", 0, 4);
        dialog.addCheckbox("Estimate_noise (from the k-space corners when noise_sigma is 0)", true);
        dialog.addChoice("Method", new String[] {"auto", "diffusion", "zero-filled", "cg-sense", "l1-wavelet", "tv"},
                MriRequest.DEFAULT_METHOD);
        dialog.addNumericField("Adapt_steps (adapt the prior to the scan; diffusion only; 0 = off)", 0, 0);
        DiffusionFields.add(dialog);
    }

    @Override
    List<ImagePlus> run(ImagePlus image, GenericDialog dialog, ProgressListener progress, CancelToken cancel)
            throws IOException {
        Parameters parameters = new Parameters("simulate".equals(dialog.getNextChoice()),
                dialog.getNextString().trim(), dialog.getNextString().trim(), dialog.getNextString().trim(),
                dialog.getNextBoolean(), dialog.getNextNumber(), dialog.getNextChoice(), dialog.getNextNumber(),
                DiffusionFields.whole(dialog.getNextNumber()), dialog.getNextNumber(), dialog.getNextBoolean(),
                dialog.getNextChoice(), DiffusionFields.whole(dialog.getNextNumber()));
        return run(image, parameters, DiffusionFields.read(dialog), progress, cancel);
    }

    static List<ImagePlus> run(ImagePlus image, Parameters p, DiffusionFields fields, ProgressListener progress,
            CancelToken cancel) throws IOException {
        MriRequest.Builder builder;
        MriSimulation.Result sim = null;
        FloatImage reference = null;
        Calibration calibration = null;
        if (p.simulate()) {
            if (image == null) {
                throw new InvalidInputException("source=simulate needs an open image; open one, or use source=file");
            }
            reference = Windows.plane(image);
            calibration = image.getCalibration();
            sim = MriSimulation.simulate(reference.data(), reference.width(), reference.height(),
                    new MriSimulation.Settings(p.acceleration(), p.maskType(),
                            p.centerFraction() > 0 ? p.centerFraction() : Double.NaN, p.coils(), p.noiseSigma(),
                            fields.seed()));
            builder = MriRequest.builder(List.of(sim.kspace())).mask(sim.mask()).sensitivities(sim.sensitivities());
        } else {
            if (p.kspace().isEmpty() || p.mask().isEmpty()) {
                throw new InvalidInputException("source=file needs kspace=FILE.cfl and mask=IMAGE");
            }
            Path kspace = Path.of(p.kspace());
            CoilArray maps = p.sensitivities().isEmpty() ? null
                    : CoilArray.fromCfl(Cfl.read(Path.of(p.sensitivities())), p.sensitivities());
            builder = MriRequest.builder(List.of(CoilArray.fromCfl(Cfl.read(kspace), p.kspace())))
                    .mask(ImageFiles.read(Path.of(p.mask())), p.mask()).sensitivities(maps)
                    .estimateSensitivities(p.estimateSens() && maps == null);
        }
        // As in Fiji: a known noise std stops the data consistency there; 0 estimates it from the corners, or none.
        if (p.noiseSigma() > 0 || !p.estimateNoise()) {
            builder.noiseSigma(p.noiseSigma());
        }
        MriRequest request = builder.method(p.method()).seed(fields.seed()).model(fields.model())
                .adaptSteps(p.adaptSteps()).diffusion(fields::settings).build();
        MriTask.Result result = MriTask.run(request, progress, cancel);
        DiffusionOutput out = result.planes().get(0);
        int width = request.width();
        int height = request.height();
        String stem = p.simulate() ? Windows.stem(image) : baseName(p);
        String name = stem + " MRI " + request.method().label();
        List<ImagePlus> windows = new ArrayList<>();
        windows.add(Windows.image(name, width, height, out.mean(), calibration, 1));
        if (request.usesPrior() && out.samples().length >= 2) {
            windows.add(Windows.image(name + " std", width, height, out.std(), calibration, 1));
        }
        if (request.usesPrior() && fields.keepSamples()) {
            windows.add(Windows.stack(name + " samples", width, height, out.samples(), calibration, 1));
        }
        if (sim != null) {
            MriReconstruction.Request zeroFilled = new MriReconstruction.Request(sim.kspace(), sim.mask(),
                    sim.sensitivities(), MriReconstruction.Method.ZERO_FILLED, Double.NaN, 0, fields.seed());
            windows.add(Windows.image(stem + " zero-filled", width, height,
                    MriReconstruction.run(zeroFilled, progress, cancel).magnitude(), calibration, 1));
            windows.add(Windows.image(stem + " sampling mask", width, height, sim.mask(), calibration, 1));
        }
        if (fields.montage()) {
            windows.add(Windows.montage(name + " montage",
                    ReconstructionMontage.mri(request, result.planes(), reference, ProgressListener.NONE, cancel)));
        }
        return windows;
    }

    /** The k-space file's name without .cfl, for titles of file reconstructions. */
    private static String baseName(Parameters p) {
        String name = Path.of(p.kspace()).getFileName().toString();
        return name.endsWith(".cfl") ? name.substring(0, name.length() - 4) : name;
    }
}
