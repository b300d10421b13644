package org.diffprior.batch;

import java.util.Map;
import java.util.Optional;

/**
 * Per-command defaults of a batch: the option that receives each input file and the files that match.
 * {@code mri} and {@code ads} read k-space ({@code --kspace}, BART {@code *.cfl} and fastMRI {@code *.h5}); {@code ct} reads
 * sinograms ({@code --sinogram}) and {@code sr} images ({@code --input}), both TIFF; {@code simulate mri|ct|sr}
 * read TIFF images ({@code --image}). Other commands need {@code --input-option}. Command paths are
 * written with single spaces ({@code "simulate sr"}).
 *
 * <pre>{@code
 * String option = InputConventions.inputOption("ct").orElseThrow();   // "--sinogram"
 * String glob = InputConventions.defaultPattern("mri");                // "*.{cfl,h5}"
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

    /** K-space files: BART .cfl (the .hdr beside each is read with it) and fastMRI HDF5. */
    public static final String KSPACE_PATTERN = "*.{cfl,h5}";

    /** The default glob for {@code command}'s inputs: k-space files for k-space commands, TIFF otherwise. */
    public static String defaultPattern(String command) {
        return "--kspace".equals(INPUT_OPTIONS.get(command)) ? KSPACE_PATTERN : TIFF_PATTERN;
    }

    /**
     * Whether a command option names an output file: {@code --out}, {@code --out-*} or {@code *-out}, as every
     * output option of the commands is named ({@code --std-out}, {@code --out-mask}, {@code --samples-out}).
     */
    public static boolean isOutputOption(String option) {
        return option.equals("--out") || option.startsWith("--out-")
                || option.startsWith("--") && option.endsWith("-out");
    }

    /** The file name without its last extension: {@code scan_01.cfl -> scan_01}. */
    public static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
