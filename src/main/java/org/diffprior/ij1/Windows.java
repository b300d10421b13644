package org.diffprior.ij1;

import java.awt.image.BufferedImage;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Montage;

/**
 * The ImageJ 1.x boundary: the current plane of an image in (a float copy, so the user's image is never changed) and
 * result windows out, with titles made from the input's name and a pixel size derived from the input's.
 *
 * <pre>{@code
 * FloatImage picture = Windows.plane(image);
 * ImagePlus result = Windows.image(Windows.stem(image) + " MRI tv", w, h, pixels, image.getCalibration(), 1);
 * }</pre>
 */
final class Windows {

    private Windows() {
    }

    /** The current plane of a grey-scale image as float values (8- and 16-bit calibration tables applied). */
    static FloatImage plane(ImagePlus image) {
        if (image.getBitDepth() == 24 || image.isComposite() || image.getNChannels() > 1) {
            throw new InvalidInputException(image.getTitle()
                    + ": colour or multi-channel image; convert it to one grey-scale channel first (Image > Type)");
        }
        ImageProcessor ip = image.getProcessor();
        Calibration calibration = image.getCalibration();
        float[] table = calibration.calibrated() && image.getBitDepth() != 32 ? calibration.getCTable() : null;
        ImageProcessor copy = ip.duplicate();
        copy.setCalibrationTable(table);
        return FloatImage.of(image.getWidth(), image.getHeight(), (float[]) copy.convertToFloatProcessor().getPixels());
    }

    /** The title without its file extension: "brain.tif" gives "brain". */
    static String stem(ImagePlus image) {
        String title = image == null ? "DiffPrior" : image.getTitle();
        int dot = title.lastIndexOf('.');
        return dot > 0 && title.length() - dot <= 5 ? title.substring(0, dot) : title;
    }

    /**
     * A float window whose pixels are {@code factor} times the size of the input's (the input's calibration when
     * 1; null for none).
     */
    static ImagePlus image(String title, int width, int height, float[] pixels, Calibration input, double factor) {
        ImagePlus image = new ImagePlus(title, new FloatProcessor(width, height, pixels));
        calibrate(image, input, factor);
        image.resetDisplayRange();
        return image;
    }

    /** A float stack of equally sized planes. */
    static ImagePlus stack(String title, int width, int height, float[][] planes, Calibration input,
            double factor) {
        ImageStack stack = new ImageStack(width, height);
        for (int k = 0; k < planes.length; k++) {
            stack.addSlice("sample " + (k + 1), new FloatProcessor(width, height, planes[k]));
        }
        ImagePlus image = new ImagePlus(title, stack);
        calibrate(image, input, factor);
        return image;
    }

    /** An RGB window of a montage. */
    static ImagePlus montage(String title, BufferedImage picture) {
        return new ImagePlus(title,
                new ColorProcessor(picture.getWidth(), picture.getHeight(), Montage.rgb(picture)));
    }

    private static void calibrate(ImagePlus image, Calibration input, double factor) {
        if (input == null || !input.scaled()) {
            return;
        }
        Calibration calibration = new Calibration();
        calibration.pixelWidth = input.pixelWidth * factor;
        calibration.pixelHeight = input.pixelHeight * factor;
        calibration.pixelDepth = input.pixelDepth;
        calibration.setUnit(input.getUnit());
        image.setCalibration(calibration);
    }
}
