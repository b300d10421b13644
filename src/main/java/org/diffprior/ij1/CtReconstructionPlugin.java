package org.diffprior.ij1;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.measure.Calibration;
import org.diffprior.classical.CtReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.CtAngles;
import org.diffprior.task.CtRequest;
import org.diffprior.task.CtSimulation;
import org.diffprior.task.CtTask;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.ReconstructionMontage;

/**
 * Plugins › DiffPrior › CT Reconstruction in plain ImageJ: the Fiji command's parameters and keys, on the current
 * plane as a sinogram (one row per view) or as a picture whose sinogram is simulated (centre square). Macro:
 * {@code run("CT Reconstruction", "source=simulate views=30 i0=0 method=sart");}
 */
public final class CtReconstructionPlugin extends Ij1Command {

    @Override
    String title() {
        return "CT Reconstruction";
    }

    @Override
    void addFields(GenericDialog dialog) {
        dialog.addChoice("Source (simulate from the picture, or a sinogram)", new String[] {"simulate", "sinogram"},
                "simulate");
        dialog.addStringField("Angles in degrees (sinogram; 0:180:60 or 0,45,90)", "", 20);
        dialog.addNumericField("Views over 180° (simulate)", 60, 0);
        dialog.addNumericField("I0 (incident photons per ray; 0 = noiseless or unknown)", 0, 0);
        dialog.addChoice("Method", CtRequest.METHODS.toArray(String[]::new), CtRequest.DEFAULT_METHOD);
        dialog.addChoice("Filter (FBP)", new String[] {"ram-lak", "shepp-logan", "hann"}, CtRequest.DEFAULT_FILTER);
        DiffusionFields.add(dialog, CtRequest.DEFAULT_SAMPLES);
    }

    @Override
    List<ImagePlus> run(ImagePlus image, GenericDialog dialog, ProgressListener progress, CancelToken cancel) {
        boolean simulate = "simulate".equals(dialog.getNextChoice());
        String angles = dialog.getNextString();
        int views = DiffusionFields.whole(dialog.getNextNumber());
        double i0 = dialog.getNextNumber();
        String method = dialog.getNextChoice();
        String filter = dialog.getNextChoice();
        DiffusionFields fields = DiffusionFields.read(dialog);
        return run(image, simulate, angles, views, i0, method, filter, fields, progress, cancel);
    }

    static List<ImagePlus> run(ImagePlus image, boolean simulate, String angles, int views, double i0, String method,
            String filter, DiffusionFields fields, ProgressListener progress, CancelToken cancel) {
        String stem = Windows.stem(image);
        Calibration calibration = image.getCalibration();
        FloatImage plane = Windows.plane(image);
        FloatImage sinogram;
        FloatImage reference = null;
        double[] anglesDegrees;
        if (simulate) {
            reference = centreSquare(plane);
            anglesDegrees = CtAngles.equispaced(0, 180, views);
            sinogram = FloatImage.of(reference.width(), views, CtSimulation.sinogram(reference.data(),
                    reference.width(), anglesDegrees, i0, CtRequest.DEFAULT_ATTENUATION_PER_PIXEL, fields.seed()));
        } else {
            sinogram = plane;
            anglesDegrees = CtAngles.parse(angles);
        }
        CtRequest request = CtRequest.builder(sinogram, anglesDegrees).method(method).filter(filter)
                .noise(i0 > 0 ? i0 : null, CtRequest.DEFAULT_ATTENUATION_PER_PIXEL).model(fields.model())
                .diffusion(fields::settings).build();
        CtTask.Result result = CtTask.run(request, progress, cancel);
        DiffusionOutput out = result.planes().get(0);
        int size = request.size();
        // The image's pixel is the detector bin: the picture's pixel, or the sinogram's column width.
        String name = stem + " CT " + (request.auto() ? "auto" : request.method());
        List<ImagePlus> windows = new ArrayList<>();
        windows.add(Windows.image(name, size, size, out.mean(), calibration, 1));
        if (request.isDiffusion() && out.samples().length >= 2) {
            windows.add(Windows.image(name + " std", size, size, out.std(), calibration, 1));
        }
        if (request.isDiffusion() && fields.keepSamples()) {
            windows.add(Windows.stack(name + " samples", size, size, out.samples(), calibration, 1));
        }
        if (simulate) {
            windows.add(Windows.image(stem + " sinogram", size, views, sinogram.data(), null, 1));
            windows.add(Windows.image(stem + " FBP", size, size, CtReconstruction.run(sinogram.data(), anglesDegrees,
                    size, CtReconstruction.Method.FBP, request.classical().filter(), progress, cancel), calibration,
                    1));
        }
        if (fields.montage()) {
            windows.add(Windows.montage(name + " montage",
                    ReconstructionMontage.ct(request, result.planes(), reference, ProgressListener.NONE, cancel)));
        }
        return windows;
    }

    /** The largest centred square: parallel-beam CT images the inscribed circle of a square. */
    private static FloatImage centreSquare(FloatImage picture) {
        int side = Math.min(picture.width(), picture.height());
        int x0 = (picture.width() - side) / 2;
        int y0 = (picture.height() - side) / 2;
        float[] pixels = new float[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(picture.data(), (y0 + y) * picture.width() + x0, pixels, y * side, side);
        }
        return FloatImage.of(side, side, pixels);
    }
}
