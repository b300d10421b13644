package org.diffprior.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * What a batch runs: {@code command} on every file of {@code inputDir} matching {@code pattern} (a glob on
 * the file name), each output {@code outputDir/BASE.tif}; {@code commandOptions} are passed to every run
 * unchanged except that {@code {name}} becomes the input's base name. {@code truthDir} (may be null) holds
 * same-named ground-truth TIFFs for PSNR/SSIM. Null {@code pattern}, {@code inputOption} and
 * {@code summaryFile} take the defaults of {@link InputConventions} and {@code outputDir/batch-summary.csv}.
 *
 * <pre>{@code
 * BatchRequest request = new BatchRequest("sr", Path.of("lr"), Path.of("hr"), null, null, null,
 *         List.of("--scale", "2", "--method", "bicubic"), null);
 * }</pre>
 */
public record BatchRequest(String command, Path inputDir, Path outputDir, Path truthDir, String pattern,
        String inputOption, List<String> commandOptions, Path summaryFile) {

    /** Default name of the summary CSV inside the output folder. */
    public static final String SUMMARY_NAME = "batch-summary.csv";

    public BatchRequest {
        commandOptions = commandOptions == null ? List.of() : List.copyOf(commandOptions);
    }

    /** The glob that selects input files: the given one or the command's default. */
    public String effectivePattern() {
        return pattern != null ? pattern : InputConventions.defaultPattern(command);
    }

    /** Where the summary CSV goes. */
    public Path effectiveSummaryFile() {
        return summaryFile != null ? summaryFile : outputDir.resolve(SUMMARY_NAME);
    }
}
