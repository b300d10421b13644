package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

/** Float32 TIFF output through ImageJ 1.x, written atomically (temp file in the same folder, then rename). */
public final class Tiffs {

    private Tiffs() {
    }

    /** Writes {@code image} as a float32 (multi-page for stacks) TIFF; the target is replaced only on success. */
    public static void write(FloatImage image, Path target) throws IOException {
        AtomicFiles.write(target, writer(image));
    }

    /**
     * Writes {@code image} into the file it is given, for {@link AtomicFiles.Transaction#stage} (the outputs of one
     * call committed together).
     */
    public static AtomicFiles.Writer writer(FloatImage image) {
        return writer(image, null);
    }

    /**
     * As {@link #writer(FloatImage)}, calibrated with the voxel size of {@code geometry} (pixel width, height and
     * depth in its unit) when it names a unit; null for none.
     */
    public static AtomicFiles.Writer writer(FloatImage image, NiftiHeader geometry) {
        return file -> {
            ImageStack stack = new ImageStack(image.width(), image.height());
            for (int z = 0; z < image.slices(); z++) {
                stack.addSlice(new FloatProcessor(image.width(), image.height(), image.slice(z)));
            }
            ImagePlus imp = new ImagePlus(String.valueOf(file.getFileName()), stack);
            if (geometry != null && !geometry.spatialUnit().isEmpty()) {
                double[] size = geometry.voxelSize();
                Calibration calibration = new Calibration();
                calibration.pixelWidth = size[0];
                calibration.pixelHeight = size[1];
                calibration.pixelDepth = size[2];
                calibration.setUnit(geometry.spatialUnit());
                imp.setCalibration(calibration);
            }
            FileSaver saver = new FileSaver(imp);
            boolean ok = image.slices() > 1 ? saver.saveAsTiffStack(file.toString())
                    : saver.saveAsTiff(file.toString());
            if (!ok) {
                throw new IOException("could not write TIFF " + file);
            }
        };
    }
}
