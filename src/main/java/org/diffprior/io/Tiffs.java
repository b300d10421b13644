package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
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
        return file -> {
            ImageStack stack = new ImageStack(image.width(), image.height());
            for (int z = 0; z < image.slices(); z++) {
                stack.addSlice(new FloatProcessor(image.width(), image.height(), image.slice(z)));
            }
            FileSaver saver = new FileSaver(new ImagePlus(String.valueOf(file.getFileName()), stack));
            boolean ok = image.slices() > 1 ? saver.saveAsTiffStack(file.toString())
                    : saver.saveAsTiff(file.toString());
            if (!ok) {
                throw new IOException("could not write TIFF " + file);
            }
        };
    }
}
