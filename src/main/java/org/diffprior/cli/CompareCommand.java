package org.diffprior.cli;

import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;
import org.diffprior.core.Metrics;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code diffprior compare}: PSNR and SSIM of images against a reference, with the conventions of DESIGN.md §3. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Print PSNR (dB) and SSIM of one or more images against a reference (data range = reference maximum).")
final class CompareCommand extends CliCommand {

    @Option(names = "--reference", required = true, description = "ground-truth image")
    Path reference;

    @Option(names = "--test", required = true, arity = "1..*",
            description = "image(s) to score, same size as the reference")
    Path[] tests;

    @Override
    protected int execute() {
        FloatImage truth = ImageFiles.read(reference);
        if (truth.slices() != 1) {
            throw new InvalidInputException(
                    reference + ": compare takes single images, this has " + truth.slices() + " planes");
        }
        for (Path test : tests) {
            FloatImage image = ImageFiles.read(test);
            if (image.width() != truth.width() || image.height() != truth.height() || image.slices() != 1) {
                throw new InvalidInputException(
                        test + ": is " + image.width() + "x" + image.height() + "x" + image.slices()
                                + " but the reference is " + truth.width() + "x" + truth.height()
                                + "; compare images of one size");
            }
            System.out.printf("%-40s PSNR %6.2f dB  SSIM %.4f%n", test.getFileName(),
                    Metrics.psnr(truth.data(), image.data()),
                    Metrics.ssim(truth.data(), image.data(), truth.height(), truth.width()));
        }
        return OK;
    }
}
