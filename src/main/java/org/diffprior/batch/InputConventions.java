package org.diffprior.batch;

import java.util.Map;
import java.util.Optional;

/**
 * Per-command defaults of a batch: the option that receives each input file and the files that match.
 * {@code mri} and {@code ads} read BART k-space ({@code --kspace}, {@code *.cfl}); {@code ct} reads
 * sinograms ({@code --sinogram}) and {@code sr} images ({@code --input}), both TIFF; {@code simulate mri|ct|sr}
 * read TIFF images ({@code --image}). Other commands need {@code --input-option}. Command paths are
 * written with single spaces ({@code "simulate sr"}).
 *
 * <pre>{@code
 * String option = InputConventions.inputOption("ct").orElseThrow();   // "--sinogram"
 * String glob = InputConventions.defaultPattern("mri");                // "*.cfl"
 * }</pre>
 */
public final class InputConventions {

    /** Every TIFF spelling ImageJ writes or users type. */
    public static final String TIFF_PATTERN = "*.{tif,tiff,TIF,TIFF}";

    private static final Map<String, String> INPUT_OPTIONS = Map.of(
            "mri", "--kspace", "ads", "--kspace", "ct", "--sinogram", "sr", "--input",
            "simulate mri", "--image", "simulate ct", "--image", "simulate sr", "--image");

    private InputConventions() {
    }

    /** The option that takes the input file of {@code command}, if the command has a known one. */
    public static Optional<String> inputOption(String command) {
        return Optional.ofNullable(INPUT_OPTIONS.get(command));
    }

    /** The default glob for {@code command}'s inputs: BART files for k-space commands, TIFF otherwise. */
    public static String defaultPattern(String command) {
        return "--kspace".equals(INPUT_OPTIONS.get(command)) ? "*.cfl" : TIFF_PATTERN;
    }

    /** The file name without its last extension: {@code scan_01.cfl -> scan_01}. */
    public static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
