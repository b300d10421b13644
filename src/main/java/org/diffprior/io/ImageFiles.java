package org.diffprior.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

/** Reads any image ImageJ 1.x opens (TIFF, DICOM, PNG, ...) as float32. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Reads an image or stack as float; bad files give an {@link InvalidInputException} naming the file. */
    public static FloatImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new InvalidInputException(file + ": not an image ImageJ can read (expected TIFF, DICOM, PNG, ...)");
        }
        if (imp.getNChannels() > 1 && imp.getBitDepth() == 24) {
            throw new InvalidInputException(file + ": colour image; convert it to grey-scale first");
        }
        ImageStack stack = imp.getStack();
        int w = imp.getWidth();
        int h = imp.getHeight();
        int n = stack.getSize();
        float[] data = new float[w * h * n];
        for (int z = 0; z < n; z++) {
            float[] plane = (float[]) stack.getProcessor(z + 1).convertToFloatProcessor().getPixels();
            System.arraycopy(plane, 0, data, z * w * h, w * h);
        }
        return new FloatImage(w, h, n, data);
    }
}
