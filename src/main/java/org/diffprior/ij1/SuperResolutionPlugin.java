package org.diffprior.ij1;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.measure.Calibration;
import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.task.DiffusionOutput;
import org.diffprior.task.ReconstructionMontage;
import org.diffprior.task.SrRequest;
import org.diffprior.task.SrTask;

/**
 * Plugins › DiffPrior › Super-Resolution in plain ImageJ: the Fiji command's parameters and keys, on the current
 * plane. Macro: {@code run("Super-Resolution", "source=simulate scale=2 degradation=box method=bicubic");}
 */
public final class SuperResolutionPlugin extends Ij1Command {

    @Override
    String title() {
        return "Super-Resolution";
    }

    @Override
    void addFields(GenericDialog dialog) {
        dialog.addChoice("Source (low-res: enlarge; simulate: degrade first)", new String[] {"low-res", "simulate"},
                "low-res");
        dialog.addNumericField("Scale", 2, 0);
        dialog.addChoice("Degradation", SrRequest.DEGRADATIONS.toArray(String[]::new), SrRequest.DEFAULT_DEGRADATION);
        dialog.addNumericField("Noise_sigma (of the low-res image; simulate adds it)", 0, 4);
        dialog.addChoice("Method", SrRequest.METHODS.toArray(String[]::new), SrRequest.DEFAULT_METHOD);
        dialog.addCheckbox("Data_consistency (bicubic, lanczos)", false);
        DiffusionFields.add(dialog, SrRequest.DEFAULT_SAMPLES);
    }

    @Override
    List<ImagePlus> run(ImagePlus image, GenericDialog dialog, ProgressListener progress, CancelToken cancel) {
        boolean simulate = "simulate".equals(dialog.getNextChoice());
        int scale = DiffusionFields.whole(dialog.getNextNumber());
        String degradation = dialog.getNextChoice();
        double noiseSigma = dialog.getNextNumber();
        String method = dialog.getNextChoice();
        boolean dataConsistency = dialog.getNextBoolean();
        DiffusionFields fields = DiffusionFields.read(dialog);
        return run(image, simulate, scale, degradation, noiseSigma, method, dataConsistency, fields, progress, cancel);
    }

    static List<ImagePlus> run(ImagePlus image, boolean simulate, int scale, String degradation, double noiseSigma,
            String method, boolean dataConsistency, DiffusionFields fields, ProgressListener progress,
            CancelToken cancel) {
        String stem = Windows.stem(image);
        Calibration calibration = image.getCalibration();
        FloatImage picture = Windows.plane(image);
        FloatImage reference = null;
        FloatImage lowRes = picture;
        List<ImagePlus> windows = new ArrayList<>();
        if (simulate) {
            SrInterpolation.checkScale(scale, 1, "");
            if (picture.width() < scale || picture.height() < scale) {
                throw InvalidInputException.of("scale", "{scale} " + scale + " is larger than the image ("
                        + picture.width() + "x" + picture.height() + "); choose a smaller scale");
            }
            // The top-left part whose sides are multiples of the scale, so any picture can be degraded.
            int width = picture.width() / scale * scale;
            int height = picture.height() / scale * scale;
            reference = crop(picture, width, height);
            lowRes = SrInterpolation.degrade(reference, scale, degradation, noiseSigma, fields.seed());
        }
        SrRequest request = SrRequest.builder(lowRes, scale).degradation(degradation).method(method)
                .dataConsistency(dataConsistency).noiseSigma(noiseSigma).model(fields.model())
                .diffusion(fields::settings).build();
        List<DiffusionOutput> planes = SrTask.run(request, progress, cancel);
        DiffusionOutput out = planes.get(0);
        // Output pixels are 1/scale of the low-res ones: the input's own when it was degraded here.
        double factor = simulate ? 1 : 1.0 / scale;
        String name = stem + " x" + scale + " " + request.method();
        windows.add(Windows.image(name, out.width(), out.height(), out.mean(), calibration, factor));
        if (request.isDiffusion() && out.samples().length >= 2) {
            windows.add(Windows.image(name + " std", out.width(), out.height(), out.std(), calibration, factor));
        }
        if (request.isDiffusion() && fields.keepSamples()) {
            windows.add(Windows.stack(name + " samples", out.width(), out.height(), out.samples(), calibration,
                    factor));
        }
        if (simulate) {
            windows.add(Windows.image(stem + " low-res", lowRes.width(), lowRes.height(), lowRes.data(), calibration,
                    scale));
        }
        if (fields.montage()) {
            windows.add(Windows.montage(name + " montage",
                    ReconstructionMontage.sr(request, planes, reference, ProgressListener.NONE, cancel)));
        }
        return windows;
    }

    private static FloatImage crop(FloatImage picture, int width, int height) {
        float[] pixels = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(picture.data(), y * picture.width(), pixels, y * width, width);
        }
        return FloatImage.of(width, height, pixels);
    }
}
