package org.diffprior.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.diffprior.io.AtomicFiles;
import org.diffprior.io.CallFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Montage;
import org.diffprior.task.ReconstructionMontage;
import picocli.CommandLine.Option;

/**
 * {@code --montage FILE.png} and {@code --reference} of the reconstruction commands (picocli mixin): the picture of
 * {@link org.diffprior.task.ReconstructionMontage}, with PSNR/SSIM when the ground truth is given.
 *
 * <pre>{@code
 * @Mixin MontageOptions montage;
 * FloatImage reference = montage.reference(request.width(), request.height(), lowRes.slices());
 * montage.stage(outputs, () -> ReconstructionMontage.sr(request, planes, reference, progress, cancel));
 * }</pre>
 */
final class MontageOptions {

    @Option(names = "--montage", description = "also write a PNG of input | classical | diffusion | std (the middle "
            + "plane) with seconds, and PSNR/SSIM with --reference")
    Path montage;

    @Option(names = "--reference", description = "ground truth of the output's size, for the montage's PSNR and SSIM")
    Path reference;

    /**
     * The reference, read and checked against the output's size before any work so that a bad one fails at once;
     * null when none is given.
     */
    FloatImage reference(int width, int height, int planes) throws IOException {
        if (reference == null) {
            return null;
        }
        FloatImage image = ImageFiles.read(reference);
        ReconstructionMontage.checkReference(image, width, height, planes);
        return image;
    }

    /** Declares the reference as an input and the montage as an output of the call. */
    void declareFiles(CallFiles files) {
        files.input("reference", reference).output("montage", montage);
    }

    /** Renders the montage when one is asked for and stages it with the call's other outputs. */
    void stage(AtomicFiles.Transaction outputs, Supplier<BufferedImage> render) throws IOException {
        if (montage != null) {
            outputs.stage(montage, Montage.pngWriter(render.get()));
        }
    }

    /** Says where the montage went, after the commit. */
    void report(String command, PrintStream log) {
        if (montage != null) {
            log.println("diffprior " + command + ": wrote montage " + montage);
        }
    }
}
