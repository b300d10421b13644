package org.diffprior.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a batch runs: {@code command} (one word, or a command path such as {@code "simulate sr"}) on every
 * file of {@code inputDir} matching {@code pattern} (a glob on the file name); each run gets the file through
 * {@code inputOption} and its output path {@code outputDir/BASE + outputExtension} through
 * {@code outputOption}; {@code commandOptions} are passed to every run unchanged except that {@code {name}}
 * becomes the input's base name. {@code truthDir} (may be null) holds same-named ground-truth TIFFs for
 * PSNR/SSIM. Build one with {@link #builder}; unset values take the defaults of {@link InputConventions},
 * {@code --out}, {@code .tif} and {@code outputDir/batch-summary.csv}.
 *
 * <pre>{@code
 * BatchRequest request = BatchRequest.builder("sr", Path.of("lr"), Path.of("hr"))
 *         .commandOptions(List.of("--scale", "2", "--method", "bicubic")).build();
 * }</pre>
 */
public record BatchRequest(String command, Path inputDir, Path outputDir, Path truthDir, String pattern,
        String inputOption, String outputOption, String outputExtension, List<String> commandOptions,
        Path summaryFile) {

    /** Default name of the summary CSV inside the output folder. */
    public static final String SUMMARY_NAME = "batch-summary.csv";

    public BatchRequest {
        command = String.join(" ", Objects.requireNonNull(command, "command").trim().split("\\s+"));
        Objects.requireNonNull(inputDir, "inputDir");
        Objects.requireNonNull(outputDir, "outputDir");
        commandOptions = commandOptions == null ? List.of() : List.copyOf(commandOptions);
        outputOption = outputOption == null ? "--out" : outputOption;
        outputExtension = outputExtension == null ? ".tif"
                : outputExtension.startsWith(".") ? outputExtension : "." + outputExtension;
    }

    /** Starts a request for {@code command} from {@code inputDir} to {@code outputDir}. */
    public static Builder builder(String command, Path inputDir, Path outputDir) {
        return new Builder(command, inputDir, outputDir);
    }

    /** The command's words: {@code "simulate sr" -> [simulate, sr]}. */
    public List<String> commandWords() {
        return List.of(command.split(" "));
    }

    /** The glob that selects input files: the given one or the command's default. */
    public String effectivePattern() {
        return pattern != null ? pattern : InputConventions.defaultPattern(command);
    }

    /** Where the summary CSV goes. */
    public Path effectiveSummaryFile() {
        return summaryFile != null ? summaryFile : outputDir.resolve(SUMMARY_NAME);
    }

    /** Collects the optional parts of a {@link BatchRequest}; every setter accepts null for "default". */
    public static final class Builder {
        private final String command;
        private final Path inputDir;
        private final Path outputDir;
        private Path truthDir;
        private String pattern;
        private String inputOption;
        private String outputOption;
        private String outputExtension;
        private List<String> commandOptions = List.of();
        private Path summaryFile;

        private Builder(String command, Path inputDir, Path outputDir) {
            this.command = command;
            this.inputDir = inputDir;
            this.outputDir = outputDir;
        }

        public Builder truthDir(Path value) {
            truthDir = value;
            return this;
        }

        public Builder pattern(String value) {
            pattern = value;
            return this;
        }

        public Builder inputOption(String value) {
            inputOption = value;
            return this;
        }

        public Builder outputOption(String value) {
            outputOption = value;
            return this;
        }

        public Builder outputExtension(String value) {
            outputExtension = value;
            return this;
        }

        public Builder commandOptions(List<String> value) {
            commandOptions = value;
            return this;
        }

        public Builder summaryFile(Path value) {
            summaryFile = value;
            return this;
        }

        public BatchRequest build() {
            return new BatchRequest(command, inputDir, outputDir, truthDir, pattern, inputOption, outputOption,
                    outputExtension, commandOptions, summaryFile);
        }
    }
}
