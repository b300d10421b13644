package org.diffprior.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.batch.BatchReport;
import org.diffprior.batch.BatchRequest;
import org.diffprior.batch.BatchRunner;
import org.diffprior.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code diffprior batch}: runs one subcommand in this JVM on every file of a folder (one model cache for
 * all files), skipping finished outputs; the loop is {@link BatchRunner}.
 *
 * <pre>
 * diffprior batch sr --in lr --out hr --scale 2 --method bicubic
 * diffprior batch mri --in kspace --out recon --truth truth --mask mask.tif --std-out std/{name}.tif
 * diffprior batch mri --in fastmri_val --out recon --slices 15-19 --estimate-sens --method zero-filled
 * diffprior batch simulate mri --in images --out kspace --output-option --out-kspace --output-extension .cfl \
 *         --out-mask masks/{name}.tif --acceleration 4
 * </pre>
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        customSynopsis = {"diffprior batch COMMAND --in DIR --out DIR [--truth DIR] [--pattern GLOB]",
                "                [other batch options] [COMMAND's options...]"},
        description = {"Run a command on every file of a folder; skips finished files; writes a summary CSV.",
                "Each input is passed with the command's input option (mri/ads: --kspace *.cfl and fastMRI *.h5, ct: --sinogram *.tif, "
                        + "sr: --input *.tif, simulate mri|ct|sr: --image *.tif) and written to OUT/BASE.tif. Options not listed here go to the command "
                        + "unchanged; {name} in them becomes the input's base name (required in every output option: a file is done "
                        + "when all its outputs exist). Exit 0 when every file was done or "
                        + "skipped, 2 when some inputs were bad, 1 on an internal failure."})
final class BatchCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "COMMAND", description = "the command to run on every file, e.g. mri, ct, sr")
    String command;

    @Option(names = "--in", required = true, description = "folder with the input files")
    Path in;

    @Option(names = "--out", required = true, description = "folder for the outputs (created if missing)")
    Path out;

    @Option(names = "--truth",
            description = "folder with same-named ground-truth TIFFs (or fastMRI .h5 files); adds PSNR and SSIM to the "
                    + "summary; a fastMRI .h5 input with reconstruction_rss (or _esc) is scored against it without "
                    + "--truth, the output centre-cropped to the reference's size")
    Path truth;

    @Option(names = "--pattern", description = "glob on file names (default: *.{cfl,h5} for mri/ads, TIFF otherwise)")
    String pattern;

    @Option(names = "--input-option",
            description = "the command's option that takes the input file (default: per command)")
    String inputOption;

    @Option(names = "--output-option", description = "the command's option that takes the output file (default: --out)")
    String outputOption;

    @Option(names = "--output-extension", description = "extension of the output files (default: .tif)")
    String outputExtension;

    @Option(names = "--summary", description = "summary CSV (default: OUT/" + BatchRequest.SUMMARY_NAME + ")")
    Path summary;

    @Option(names = "--verbose", description = "show every message of the command, not only failures")
    boolean verbose;

    @Unmatched
    List<String> commandOptions = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        CommandLine target = DiffPriorCli.commandLine().getSubcommands().get(command);
        if (target == null || command.equals("batch") || command.equals("help")) {
            throw new InvalidInputException(
                    "batch: '" + command + "' is not a command to batch; use one of mri, ct, sr, ads, simulate");
        }
        // Words right after the command that name its subcommands make a command path: "simulate sr".
        List<String> words = new ArrayList<>(List.of(command));
        List<String> options = new ArrayList<>(commandOptions);
        while (!options.isEmpty() && target.getSubcommands().containsKey(options.get(0))) {
            target = target.getSubcommands().get(options.remove(0));
            words.add(target.getCommandName());
        }
        BatchRequest request = BatchRequest.builder(String.join(" ", words), in, out).truthDir(truth).pattern(pattern)
                .inputOption(inputOption).outputOption(outputOption).outputExtension(outputExtension)
                .commandOptions(options).summaryFile(summary).build();
        // The bar goes to the real stderr: the runner swaps System.err per file to capture failures.
        BatchRunner runner = new BatchRunner(args -> DiffPriorCli.commandLine().execute(args.toArray(String[]::new)),
                new ConsoleProgress(System.err), System.out, verbose ? System.err : null);
        BatchReport report = runner.run(request);
        System.out.println(report.summaryLine() + "; summary " + request.effectiveSummaryFile());
        if (report.exitCode() != OK) {
            // The contract's one-line reason, last on stderr (Macros.run returns it to the macro).
            System.err.println(
                    "diffprior: batch: " + report.summaryLine() + "; reasons in " + request.effectiveSummaryFile());
        }
        return report.exitCode();
    }
}
