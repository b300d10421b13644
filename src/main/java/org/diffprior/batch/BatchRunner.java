package org.diffprior.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.diffprior.core.InvalidInputException;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.CallFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;

/**
 * Runs one command on every matching file of a folder, in name order: fills in the input option and the
 * output option ({@code --out OUT/BASE.tif} by default), skips files whose output exists (outputs are
 * written atomically, so an existing one is complete), captures each failure's exit status and one-line
 * reason from {@code System.err} and goes on, scores outputs against same-named ground truth, and writes
 * the summary CSV at the end (and every ten seconds on the way). Only the small per-file rows are kept, so
 * memory stays flat over any number of files.
 *
 * <pre>{@code
 * BatchRunner runner = new BatchRunner(args -> DiffPriorCli.commandLine().execute(args.toArray(String[]::new)),
 *         ProgressListener.NONE, System.out, null);
 * BatchReport report = runner.run(request);
 * }</pre>
 */
public final class BatchRunner {

    /** Replaced by the input's base name in every command option. */
    public static final String NAME_PLACEHOLDER = "{name}";

    private static final long SUMMARY_INTERVAL_NANOS = 10_000_000_000L;

    private final CommandRunner commands;
    private final ProgressListener progress;
    private final PrintStream log;
    private final PrintStream commandMessages;

    /**
     * @param commands runs one command line
     * @param progress told about each file (done, total, file name)
     * @param log receives one line per file
     * @param commandMessages receives everything the commands write to {@code System.err}, or null to keep
     *        only their last lines for the summary
     */
    public BatchRunner(CommandRunner commands, ProgressListener progress, PrintStream log,
            PrintStream commandMessages) {
        this.commands = commands;
        this.progress = progress;
        this.log = log;
        this.commandMessages = commandMessages;
    }

    /** Runs the batch and writes its summary CSV; bad folders or options give an {@link InvalidInputException}. */
    public BatchReport run(BatchRequest request) throws IOException {
        String inputOption = request.inputOption() != null ? request.inputOption()
                : InputConventions.inputOption(request.command())
                        .orElseThrow(() -> InvalidInputException.of("input_option",
                                "batch: no default input option for '" + request.command()
                                        + "'; pass {input_option}, e.g. "
                                        + "{input_option} " + InputConventions.inputOption("sr").orElseThrow()));
        checkOptions(request.commandOptions(), inputOption, request.outputOption());
        List<Path> inputs = listInputs(request);
        Files.createDirectories(request.outputDir());
        List<FileOutcome> outcomes = new ArrayList<>(inputs.size());
        long lastSummary = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            progress.progress(i, inputs.size(), input.getFileName().toString());
            FileOutcome outcome = runOne(request, inputOption, input);
            if (request.truthDir() != null && outcome.status() != FileStatus.FAILED) {
                outcome = score(outcome, outputFor(request, input), request.truthDir());
            }
            outcomes.add(outcome);
            log.println(describe(outcome));
            // Refreshed now and then, so an interrupted batch leaves a nearly complete summary without
            // rewriting it after every one of thousands of files.
            if (System.nanoTime() - lastSummary > SUMMARY_INTERVAL_NANOS) {
                SummaryCsv.write(request.effectiveSummaryFile(), outcomes);
                lastSummary = System.nanoTime();
            }
        }
        progress.progress(inputs.size(), inputs.size(), "finished");
        BatchReport report = new BatchReport(outcomes);
        SummaryCsv.write(request.effectiveSummaryFile(), outcomes);
        return report;
    }

    private static void checkOptions(List<String> options, String inputOption, String outputOption) {
        for (String option : options) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (name.equals(inputOption) || name.equals(outputOption)) {
                throw new InvalidInputException(
                        "batch: " + name + " is filled in for every file; remove it from the command options");
            }
        }
    }

    /** Regular, non-hidden files matching the glob, sorted by name; refuses outputs that would overwrite inputs. */
    static List<Path> listInputs(BatchRequest request) throws IOException {
        Path dir = request.inputDir();
        if (!Files.isDirectory(dir)) {
            throw InvalidInputException.of("in", "batch: {in} " + dir + " is not a folder");
        }
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + request.effectivePattern());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("pattern", "batch: {pattern} '" + request.effectivePattern()
                    + "' is not a valid glob (e.g. '*.tif')");
        }
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> matcher.matches(p.getFileName()))
                    .sorted()
                    .toList();
        }
        Map<Path, Path> outputs = new HashMap<>();
        for (Path input : inputs) {
            Path output = outputFor(request, input);
            if (Files.exists(output) && Files.isSameFile(output, input)) {
                throw InvalidInputException.of("out",
                        "batch: output " + output + " would overwrite its input; use another "
                                + "{out} folder");
            }
            Path previous = outputs.put(output.toAbsolutePath().normalize(), input);
            if (previous != null) {
                throw InvalidInputException.of("pattern",
                        "batch: " + previous.getFileName() + " and " + input.getFileName()
                                + " would both write " + output.getFileName() + "; narrow {pattern}");
            }
        }
        checkSummary(request, inputs);
        return inputs;
    }

    /** The summary CSV must not replace an input, a ground-truth file or one of the outputs. */
    private static void checkSummary(BatchRequest request, List<Path> inputs) throws IOException {
        CallFiles files = new CallFiles();
        for (Path input : inputs) {
            files.input("in", Cfl.files(input)).output("out", outputFor(request, input));
        }
        if (request.truthDir() != null && Files.isDirectory(request.truthDir())) {
            try (Stream<Path> truths = Files.list(request.truthDir())) {
                files.input("truth", truths.toList());
            }
        }
        files.output("summary", request.effectiveSummaryFile()).check();
    }

    static Path outputFor(BatchRequest request, Path input) {
        return request.outputDir()
                .resolve(InputConventions.baseName(input.getFileName().toString()) + request.outputExtension());
    }

    private FileOutcome runOne(BatchRequest request, String inputOption, Path input) {
        String name = input.getFileName().toString();
        Path output = outputFor(request, input);
        if (Files.exists(output)) {
            return new FileOutcome(name, FileStatus.SKIPPED, FileOutcome.NOT_RUN, 0, "output exists", Double.NaN,
                    Double.NaN);
        }
        List<String> args = new ArrayList<>();
        args.addAll(request.commandWords());
        args.add(inputOption);
        args.add(input.toString());
        args.add(request.outputOption());
        args.add(output.toString());
        String base = InputConventions.baseName(name);
        for (String option : request.commandOptions()) {
            args.add(option.replace(NAME_PLACEHOLDER, base));
        }
        LastLineCapture capture = new LastLineCapture(commandMessages);
        PrintStream savedErr = System.err;
        long start = System.nanoTime();
        int status;
        String failure = null;
        try {
            System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
            status = commands.run(args);
        } catch (Exception | Error e) {
            // The CLI maps failures to exit codes itself; this guards other runners and stray errors.
            status = 1;
            failure = "internal error: " + e;
        } finally {
            System.setErr(savedErr);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status == 0 && !Files.exists(output)) {
            return new FileOutcome(name, FileStatus.FAILED, 1, seconds,
                    "command succeeded but wrote no " + output.getFileName(),
                    Double.NaN, Double.NaN);
        }
        if (status == 0) {
            return new FileOutcome(name, FileStatus.DONE, 0, seconds, "", Double.NaN, Double.NaN);
        }
        String reason = failure != null ? failure : capture.lastLine();
        return new FileOutcome(name, FileStatus.FAILED, status, seconds,
                reason.isEmpty() ? "exit status " + status : reason,
                Double.NaN, Double.NaN);
    }

    /** PSNR over all pixels and SSIM averaged over planes, against TRUTH/BASE.tif(f); notes instead of failures. */
    static FileOutcome score(FileOutcome outcome, Path output, Path truthDir) {
        String base = InputConventions.baseName(outcome.file());
        Path truthFile = null;
        for (String extension : new String[] {".tif", ".tiff", ".TIF", ".TIFF"}) {
            Path candidate = truthDir.resolve(base + extension);
            if (Files.isRegularFile(candidate)) {
                truthFile = candidate;
                break;
            }
        }
        if (truthFile == null) {
            return outcome.withMetrics(Double.NaN, Double.NaN, "no ground truth " + base + ".tif");
        }
        try {
            FloatImage truth = ImageFiles.read(truthFile);
            FloatImage result = ImageFiles.read(output);
            if (truth.width() != result.width() || truth.height() != result.height()
                    || truth.slices() != result.slices()) {
                return outcome.withMetrics(Double.NaN, Double.NaN, String.format(Locale.ROOT,
                        "ground truth is %dx%dx%d but output is %dx%dx%d", truth.width(), truth.height(),
                        truth.slices(),
                        result.width(), result.height(), result.slices()));
            }
            double psnr = Metrics.psnr(truth.data(), result.data());
            double ssim = 0;
            for (int z = 0; z < truth.slices(); z++) {
                ssim += Metrics.ssim(truth.slice(z), result.slice(z), truth.height(), truth.width());
            }
            return outcome.withMetrics(psnr, ssim / truth.slices(), null);
        } catch (InvalidInputException e) {
            return outcome.withMetrics(Double.NaN, Double.NaN, e.getMessage());
        }
    }

    private static String describe(FileOutcome o) {
        String line = String.format(Locale.ROOT, "%-7s %s", o.status().word(), o.file());
        if (o.status() == FileStatus.DONE) {
            line += String.format(Locale.ROOT, "  %.2f s", o.seconds());
        }
        if (!Double.isNaN(o.psnr())) {
            line += String.format(Locale.ROOT, "  PSNR %.2f dB  SSIM %.4f", o.psnr(), o.ssim());
        }
        if (!o.message().isEmpty()) {
            line += (o.status() == FileStatus.FAILED ? "  (exit " + o.exitCode() + ") " : "  ") + o.message();
        }
        return line;
    }
}
