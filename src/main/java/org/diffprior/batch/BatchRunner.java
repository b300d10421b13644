package org.diffprior.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
import org.diffprior.core.ThreadConsole;
import org.diffprior.io.CallFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.FastMriFiles;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.SliceRange;

/**
 * Runs one command on every matching file of a folder, in name order: fills in the input option and the
 * output option ({@code --out OUT/BASE.tif} by default), skips files all of whose outputs exist (the output and
 * those of the output options, with {@code {name}} in each; outputs are written atomically, so an existing one is
 * complete), captures each failure's exit status and one-line reason from {@code System.err} and goes on, scores
 * outputs against same-named ground truth (or a fastMRI input's own reference reconstruction), and writes
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
        String inputOption = inputOption(request);
        List<Path> inputs = listInputs(request);
        Files.createDirectories(request.outputDir());
        List<FileOutcome> outcomes = new ArrayList<>(inputs.size());
        long lastSummary = System.nanoTime();
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            progress.progress(i, inputs.size(), input.getFileName().toString());
            FileOutcome outcome = runFile(request, inputOption, input);
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

    /**
     * The option that receives each input file, after checking that the command options do not give it (or the
     * output option) themselves; an {@link InvalidInputException} when the command has no default one.
     */
    public static String inputOption(BatchRequest request) {
        String inputOption = request.inputOption() != null ? request.inputOption()
                : InputConventions.inputOption(request.command())
                        .orElseThrow(() -> InvalidInputException.of("input_option",
                                "batch: no default input option for '" + request.command()
                                        + "'; pass {input_option}, e.g. "
                                        + "{input_option} " + InputConventions.inputOption("sr").orElseThrow()));
        checkOptions(request.commandOptions(), inputOption, request.outputOption());
        return inputOption;
    }

    /**
     * One file's unit of work, independent of every other file (a distributed runner calls it on its workers):
     * skips the file when all its outputs exist, else runs the command and scores the output against the truth.
     * Safe to call from several threads at once: each captures only its own thread's {@code System.err}.
     *
     * @param inputOption from {@link #inputOption(BatchRequest)}
     * @param input one of {@link #listInputs(BatchRequest)}
     */
    public FileOutcome runFile(BatchRequest request, String inputOption, Path input) {
        FileOutcome outcome = runOne(request, inputOption, input);
        if ((request.truthDir() != null || FastMriFiles.isHdf5(input)) && outcome.status() != FileStatus.FAILED) {
            outcome = score(outcome, outputFor(request, input), request.truthDir(), input,
                    slices(request.commandOptions()));
        }
        return outcome;
    }

    private static void checkOptions(List<String> options, String inputOption, String outputOption) {
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (name.equals(inputOption) || name.equals(outputOption)) {
                throw new InvalidInputException(
                        "batch: " + name + " is filled in for every file; remove it from the command options");
            }
            String value = outputValue(options, i);
            if (value == null) {
                continue;
            }
            Path path = path(name, value);
            if (!value.contains(NAME_PLACEHOLDER)) {
                // Every file would write (and on a rerun find) the same file: resume could not tell what is done.
                throw new InvalidInputException("batch: " + name + " " + value + " would be written for every file; "
                        + "put " + NAME_PLACEHOLDER + " in it, e.g. " + name + " " + example(path));
            }
        }
    }

    /** The value of an output option at {@code options[i]} ({@code --std-out V} or {@code --std-out=V}), else null. */
    private static String outputValue(List<String> options, int i) {
        String option = options.get(i);
        int equals = option.indexOf('=');
        if (equals > 0) {
            return InputConventions.isOutputOption(option.substring(0, equals)) ? option.substring(equals + 1) : null;
        }
        return InputConventions.isOutputOption(option) && i + 1 < options.size() ? options.get(i + 1) : null;
    }

    /** An output option's value as a path; one that is none is bad input. */
    private static Path path(String option, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("batch: " + option + " '" + value + "' is not a valid path");
        }
    }

    private static String example(Path path) {
        String file = path.getFileName() == null ? "out.tif" : path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String named = dot > 0 ? NAME_PLACEHOLDER + "_" + file.substring(0, dot) + file.substring(dot)
                : NAME_PLACEHOLDER + "_" + file;
        return path.getParent() == null ? named : path.getParent().resolve(named).toString();
    }

    /**
     * Every file the command writes for one input: the output, then the values of the output options in the
     * options given (names as {@link InputConventions#isOutputOption}); a BART output is its .cfl and its .hdr.
     */
    static List<Path> outputsFor(BatchRequest request, Path input, List<String> options) {
        List<Path> files = new ArrayList<>();
        addOutput(files, outputFor(request, input));
        for (int i = 0; i < options.size(); i++) {
            String value = outputValue(options, i);
            if (value != null) {
                addOutput(files, path(options.get(i), value));
            }
        }
        return files;
    }

    /**
     * Whether an output exists: the file itself, or the BART pair a k-space output writes for a name without
     * .cfl ({@code simulate mri --out-kspace scan.tif} writes {@code scan.tif.cfl} and {@code scan.tif.hdr}).
     */
    static boolean written(Path file) {
        return Files.exists(file) || Cfl.files(file).stream().allMatch(Files::isRegularFile);
    }

    private static void addOutput(List<Path> files, Path output) {
        String name = output.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".cfl") || lower.endsWith(".hdr")) {
            String base = name.substring(0, name.length() - 4);
            files.add(output.resolveSibling(base + ".cfl"));
            files.add(output.resolveSibling(base + ".hdr"));
        } else {
            files.add(output);
        }
    }

    /** Regular, non-hidden files matching the glob, sorted by name; refuses outputs that would overwrite inputs. */
    public static List<Path> listInputs(BatchRequest request) throws IOException {
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

    /** The summary CSV must not replace an input, a ground-truth file or any output of any file. */
    private static void checkSummary(BatchRequest request, List<Path> inputs) throws IOException {
        CallFiles files = new CallFiles();
        for (Path input : inputs) {
            String base = InputConventions.baseName(input.getFileName().toString());
            List<String> options = request.commandOptions().stream().map(o -> o.replace(NAME_PLACEHOLDER, base))
                    .toList();
            files.input("in", Cfl.files(input)).output("out", outputsFor(request, input, options));
        }
        if (request.truthDir() != null && Files.isDirectory(request.truthDir())) {
            try (Stream<Path> truths = Files.list(request.truthDir())) {
                files.input("truth", truths.toList());
            }
        }
        files.output("summary", request.effectiveSummaryFile()).check();
    }

    /** Where {@code input}'s output goes: {@code outputDir/BASE + outputExtension}. */
    public static Path outputFor(BatchRequest request, Path input) {
        return request.outputDir()
                .resolve(InputConventions.baseName(input.getFileName().toString()) + request.outputExtension());
    }

    private FileOutcome runOne(BatchRequest request, String inputOption, Path input) {
        String name = input.getFileName().toString();
        Path output = outputFor(request, input);
        String base = InputConventions.baseName(name);
        List<String> options = new ArrayList<>();
        for (String option : request.commandOptions()) {
            options.add(option.replace(NAME_PLACEHOLDER, base));
        }
        // Outputs are written atomically, so an existing one is complete; a file counts as finished only when all
        // of its outputs exist (a run killed between two outputs is redone).
        List<Path> outputs = outputsFor(request, input, options);
        List<Path> missing = outputs.stream().filter(file -> !written(file)).toList();
        if (missing.isEmpty()) {
            return new FileOutcome(name, FileStatus.SKIPPED, FileOutcome.NOT_RUN, 0,
                    outputs.size() == 1 ? "output exists" : "outputs exist", Double.NaN, Double.NaN);
        }
        String redone = missing.size() < outputs.size() ? "redone: " + missing.get(0) + " was missing" : "";
        List<String> args = new ArrayList<>();
        args.addAll(request.commandWords());
        args.add(inputOption);
        args.add(input.toString());
        args.add(request.outputOption());
        args.add(output.toString());
        args.addAll(options);
        LastLineCapture capture = new LastLineCapture(commandMessages);
        long start = System.nanoTime();
        int status;
        String failure = null;
        try (ThreadConsole.Capture ignored = ThreadConsole.err(capture)) {
            status = commands.run(args);
        } catch (Exception | Error e) {
            // The CLI maps failures to exit codes itself; this guards other runners and stray errors.
            status = 1;
            failure = "internal error: " + e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status == 0) {
            for (Path file : outputs) {
                if (!written(file)) {
                    return new FileOutcome(name, FileStatus.FAILED, 1, seconds,
                            "command succeeded but wrote no " + (file.equals(output) ? file.getFileName() : file),
                            Double.NaN, Double.NaN);
                }
            }
            return new FileOutcome(name, FileStatus.DONE, 0, seconds, redone, Double.NaN, Double.NaN);
        }
        String reason = failure != null ? failure : capture.lastLine();
        return new FileOutcome(name, FileStatus.FAILED, status, seconds,
                reason.isEmpty() ? "exit status " + status : reason,
                Double.NaN, Double.NaN);
    }

    /** The command's {@code --slices} (as given to every file), for the slices of a fastMRI reference. */
    private static SliceRange slices(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).startsWith("--" + SliceRange.KEY + "=")) {
                return SliceRange.parse(options.get(i).substring(SliceRange.KEY.length() + 3));
            }
            if (options.get(i).equals("--" + SliceRange.KEY) && i + 1 < options.size()) {
                return SliceRange.parse(options.get(i + 1));
            }
        }
        return SliceRange.ALL;
    }

    /** A reference image and whether it is fastMRI's (stored centre-cropped). */
    private record Truth(FloatImage image, boolean fastMri) {
    }

    /**
     * The ground truth of one input: TRUTH/BASE.tif(f), else the reconstruction ({@code reconstruction_rss}, else
     * {@code reconstruction_esc}) of TRUTH/BASE.h5, else that of the input itself when it is a fastMRI file; null
     * when there is none.
     */
    private static Truth truthFor(Path truthDir, Path input, SliceRange slices) {
        String base = InputConventions.baseName(input.getFileName().toString());
        if (truthDir != null) {
            for (String extension : new String[] {".tif", ".tiff", ".TIF", ".TIFF"}) {
                Path candidate = truthDir.resolve(base + extension);
                if (Files.isRegularFile(candidate)) {
                    return new Truth(ImageFiles.read(candidate), false);
                }
            }
            Path h5 = truthDir.resolve(base + ".h5");
            if (Files.isRegularFile(h5)) {
                return FastMriFiles.readReconstruction(h5, slices).map(image -> new Truth(image, true)).orElse(null);
            }
        }
        if (FastMriFiles.isHdf5(input)) {
            return FastMriFiles.readReconstruction(input, slices).map(image -> new Truth(image, true)).orElse(null);
        }
        return null;
    }

    /**
     * PSNR over all pixels (peak: the truth's maximum) and SSIM averaged over planes, against {@link #truthFor};
     * notes instead of failures. fastMRI stores its references centre-cropped (320×320 of a 640×368 k-space), so
     * a larger output is cropped the same way (start (size − crop) / 2 on each axis) before scoring.
     */
    static FileOutcome score(FileOutcome outcome, Path output, Path truthDir, Path input, SliceRange slices) {
        try {
            Truth found = truthFor(truthDir, input, slices);
            if (found == null) {
                return truthDir == null ? outcome
                        : outcome.withMetrics(Double.NaN, Double.NaN, "no ground truth "
                                + InputConventions.baseName(outcome.file()) + ".tif");
            }
            FloatImage truth = found.image();
            FloatImage result = ImageFiles.read(output);
            String note = null;
            if (found.fastMri() && result.slices() == truth.slices() && (result.width() != truth.width()
                    || result.height() != truth.height()) && result.width() >= truth.width()
                    && result.height() >= truth.height()) {
                result = centreCrop(result, truth.width(), truth.height());
                note = "output centre-cropped to " + truth.width() + "x" + truth.height() + " as the fastMRI reference";
            }
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
            return outcome.withMetrics(psnr, ssim / truth.slices(), note);
        } catch (InvalidInputException e) {
            return outcome.withMetrics(Double.NaN, Double.NaN, e.getMessage());
        }
    }

    /** The centre {@code width × height} of every plane, cropped as fastMRI's {@code center_crop}. */
    static FloatImage centreCrop(FloatImage image, int width, int height) {
        int top = (image.height() - height) / 2;
        int left = (image.width() - width) / 2;
        float[] data = new float[width * height * image.slices()];
        for (int z = 0; z < image.slices(); z++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(image.data(), (z * image.height() + top + y) * image.width() + left, data,
                        (z * height + y) * width, width);
            }
        }
        return new FloatImage(width, height, image.slices(), data);
    }

    /** The console line of one file: status, name, seconds, metrics, message. */
    public static String describe(FileOutcome o) {
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
