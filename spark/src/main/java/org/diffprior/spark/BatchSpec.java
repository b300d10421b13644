package org.diffprior.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.batch.BatchRequest;
import org.diffprior.cli.BatchArguments;

/**
 * A batch request as the driver sends it to the executors: plain strings, with the folders made absolute on
 * the driver, since an executor's working directory is not the driver's. Paths inside the command's own
 * options (such as {@code --mask}) go unchanged and must be valid on every executor.
 */
record BatchSpec(String command, String inputDir, String outputDir, String truthDir, String pattern,
        String inputOption, String outputOption, String outputExtension, ArrayList<String> commandOptions,
        String summaryFile, boolean verbose) implements Serializable {

    private static final long serialVersionUID = 1L;

    BatchSpec {
        commandOptions = new ArrayList<>(commandOptions);
    }

    /** The spec of parsed {@code diffprior batch} arguments. */
    static BatchSpec of(BatchArguments arguments) {
        BatchRequest r = arguments.request();
        return new BatchSpec(r.command(), absolute(r.inputDir()), absolute(r.outputDir()), absolute(r.truthDir()),
                r.pattern(), r.inputOption(), r.outputOption(), r.outputExtension(),
                new ArrayList<>(r.commandOptions()), absolute(r.summaryFile()), arguments.verbose());
    }

    /** The request again, on whichever JVM holds the spec. */
    BatchRequest request() {
        return BatchRequest.builder(command, Path.of(inputDir), Path.of(outputDir)).truthDir(path(truthDir))
                .pattern(pattern).inputOption(inputOption).outputOption(outputOption)
                .outputExtension(outputExtension).commandOptions(List.copyOf(commandOptions))
                .summaryFile(path(summaryFile)).build();
    }

    private static String absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize().toString();
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }
}
