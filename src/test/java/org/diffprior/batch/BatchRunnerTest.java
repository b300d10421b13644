package org.diffprior.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch loop against a stand-in command that keeps the CLI contract (reads a TIFF, writes a 2x
 * nearest-neighbour enlargement, exit 2 and "diffprior: reason" on bad input), so every expected outcome,
 * file and metric is known in closed form.
 */
class BatchRunnerTest {

    @TempDir
    Path dir;

    private final List<List<String>> calls = new ArrayList<>();

    /** Stand-in for "sr --input IN --out OUT [--offset V]": writes the enlargement (+V) of IN. */
    private int enlarge(List<String> args) throws IOException {
        calls.add(args);
        Path in = Path.of(args.get(args.indexOf("--input") + 1));
        Path out = Path.of(args.get(args.indexOf("--out") + 1));
        if (in.getFileName().toString().startsWith("crash")) {
            throw new IllegalStateException("simulated crash");
        }
        FloatImage image;
        try {
            image = ImageFiles.read(in);
        } catch (InvalidInputException e) {
            System.err.println("diffprior sr: starting");
            System.err.println("diffprior: " + e.getMessage());
            return 2;
        }
        Tiffs.write(enlargement(image, 0f), out);
        return 0;
    }

    private static FloatImage enlargement(FloatImage image, float offset) {
        int w = image.width() * 2;
        int h = image.height() * 2;
        float[] data = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = image.get(x / 2, y / 2, 0) + offset;
            }
        }
        return FloatImage.of(w, h, data);
    }

    private static FloatImage ramp(int width, int height, float scale) {
        float[] data = new float[width * height];
        for (int i = 0; i < data.length; i++) {
            data[i] = scale * (i % 7 + i / width) / (width + 7f);
        }
        return FloatImage.of(width, height, data);
    }

    private Path in;
    private Path out;
    private Path truth;

    /** a, b: good; c: garbage with a .tif name; d: output already there; e.png: not matched. */
    private void makeFolder() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        out = Files.createDirectories(dir.resolve("out"));
        truth = Files.createDirectories(dir.resolve("truth"));
        FloatImage a = ramp(16, 12, 1f);
        FloatImage b = ramp(10, 10, 3f);
        Tiffs.write(a, in.resolve("a.tif"));
        Tiffs.write(b, in.resolve("b.tif"));
        Files.write(in.resolve("c.tif"), "II*\0 this is not a TIFF".getBytes(StandardCharsets.US_ASCII));
        Tiffs.write(a, in.resolve("d.tiff"));
        Tiffs.write(a, out.resolve("d.tif"));
        Files.writeString(in.resolve("e.png"), "ignored");
        // Truth of a is the output plus 0.1 everywhere: PSNR = 20 log10(max / 0.1) exactly.
        Tiffs.write(enlargement(a, 0.1f), truth.resolve("a.tif"));
        Tiffs.write(enlargement(b, 0f), truth.resolve("b.tif"));
    }

    private BatchReport run(ByteArrayOutputStream log) throws IOException {
        BatchRequest request = BatchRequest.builder("sr", in, out).truthDir(truth)
                .commandOptions(List.of("--scale", "2")).build();
        return new BatchRunner(this::enlarge, ProgressListener.NONE, new PrintStream(log, true), null).run(request);
    }

    @Test
    void aKspaceOutputNamedWithoutCflCountsAsWrittenOnlyWithBothHalves() throws IOException {
        // simulate mri --out-kspace scan.tif writes scan.tif.cfl and scan.tif.hdr.
        Path named = dir.resolve("scan.tif");
        assertFalse(BatchRunner.written(named));
        Files.writeString(dir.resolve("scan.tif.cfl"), "");
        assertFalse(BatchRunner.written(named), "the .hdr is missing");
        Files.writeString(dir.resolve("scan.tif.hdr"), "");
        assertTrue(BatchRunner.written(named));
        Files.writeString(dir.resolve("plain.tif"), "");
        assertTrue(BatchRunner.written(dir.resolve("plain.tif")));
    }

    @Test
    void badFileIsReportedAndTheOthersAreDone() throws IOException {
        makeFolder();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BatchReport report = run(log);

        assertEquals("2 done, 1 skipped, 1 failed", report.summaryLine());
        assertEquals(2, report.exitCode(), "a bad input file makes the batch exit 2");
        assertEquals(List.of("a.tif", "b.tif", "c.tif", "d.tiff"),
                report.outcomes().stream().map(FileOutcome::file).toList());
        assertEquals(24, ImageFiles.read(out.resolve("a.tif")).height());
        assertEquals(20, ImageFiles.read(out.resolve("b.tif")).width());
        assertFalse(Files.exists(out.resolve("c.tif")));
        assertFalse(Files.exists(out.resolve("e.tif")), "only the pattern's files are run");
        assertEquals(3, calls.size(), "the existing output of d is not recomputed");
        assertEquals(List.of("sr", "--input", in.resolve("a.tif").toString(), "--out", out.resolve("a.tif").toString(),
                "--scale", "2"), calls.get(0));

        FileOutcome c = report.outcomes().get(2);
        assertEquals(FileStatus.FAILED, c.status());
        assertEquals(2, c.exitCode());
        assertTrue(c.message().startsWith(in.resolve("c.tif") + ": "),
                "the reason is the last stderr line: " + c.message());
        assertTrue(log.toString().contains("failed  c.tif  (exit 2) " + in.resolve("c.tif")), log.toString());
    }

    @Test
    void summaryCsvHoldsOneRowPerFileWithMetrics() throws IOException {
        makeFolder();
        BatchReport report = run(new ByteArrayOutputStream());
        List<String> lines = Files.readAllLines(out.resolve(BatchRequest.SUMMARY_NAME));

        assertEquals(SummaryCsv.HEADER, lines.get(0));
        assertEquals(5, lines.size());
        String[] a = lines.get(1).split(",", -1);
        assertEquals(List.of("a.tif", "done", "0"), Arrays.asList(a).subList(0, 3));
        float[] truthA = ImageFiles.read(truth.resolve("a.tif")).data();
        double truthMax = 0;
        for (float v : truthA) {
            truthMax = Math.max(truthMax, v);
        }
        assertEquals(20 * Math.log10(truthMax / 0.1), Double.parseDouble(a[4]), 1e-3, "PSNR for a constant error 0.1");
        assertTrue(Double.parseDouble(a[5]) > 0.5 && Double.parseDouble(a[5]) < 1, "SSIM below 1 for an offset image");
        assertEquals("", a[6]);

        String[] b = lines.get(2).split(",", -1);
        assertEquals("inf", b[4], "identical to the truth");
        assertEquals(1.0, Double.parseDouble(b[5]), 1e-9);

        assertTrue(lines.get(3).startsWith("c.tif,failed,2,"), lines.get(3));
        assertTrue(lines.get(3).endsWith("," + SummaryCsv.quote(report.outcomes().get(2).message())), lines.get(3));
        assertTrue(lines.get(4).startsWith("d.tiff,skipped,,,,,"), "d has no truth and was not run: " + lines.get(4));
        assertTrue(lines.get(4).contains("no ground truth d.tif"), lines.get(4));
    }

    @Test
    void rerunSkipsEverythingFinished() throws IOException {
        makeFolder();
        run(new ByteArrayOutputStream());
        calls.clear();
        BatchReport second = run(new ByteArrayOutputStream());
        assertEquals("0 done, 3 skipped, 1 failed", second.summaryLine());
        assertEquals(1, calls.size(), "only the bad file is tried again");

        Files.delete(in.resolve("c.tif"));
        calls.clear();
        BatchReport third = run(new ByteArrayOutputStream());
        assertEquals("0 done, 3 skipped, 0 failed", third.summaryLine());
        assertEquals(0, third.exitCode());
        assertTrue(calls.isEmpty());
        String csv = Files.readString(out.resolve(BatchRequest.SUMMARY_NAME));
        assertTrue(csv.contains("a.tif,skipped,,,"), "skipped outputs are still scored: " + csv);
    }

    @Test
    void internalFailuresAndMissingOutputsMakeStatusOne() throws IOException {
        makeFolder();
        Files.delete(in.resolve("c.tif"));
        Tiffs.write(ramp(8, 8, 1f), in.resolve("crash.tif"));
        BatchReport report = run(new ByteArrayOutputStream());
        FileOutcome crash = report.outcomes().get(2);
        assertEquals("crash.tif", crash.file());
        assertEquals(1, crash.exitCode());
        assertTrue(crash.message().contains("simulated crash"), crash.message());
        assertEquals(1, report.exitCode());

        BatchRequest request = BatchRequest.builder("sr", in, dir.resolve("out2")).build();
        BatchReport silent = new BatchRunner(args -> 0, ProgressListener.NONE,
                new PrintStream(new ByteArrayOutputStream()), null)
                .run(request);
        assertEquals(1, silent.exitCode(), "exit 0 without an output is not success");
        assertTrue(silent.outcomes().get(0).message().contains("wrote no a.tif"), silent.outcomes().get(0).message());
    }

    @Test
    void optionsPassThroughWithTheNamePlaceholder() throws IOException {
        makeFolder();
        BatchRequest request = BatchRequest.builder("sr", in, out).pattern("a*")
                .commandOptions(
                        List.of("--std-out", dir.resolve("std/{name}_std.tif").toString(), "--method", "bicubic"))
                .build();
        new BatchRunner(this::enlarge, ProgressListener.NONE, new PrintStream(new ByteArrayOutputStream()), null)
                .run(request);
        assertEquals(1, calls.size());
        assertEquals(List.of("--std-out", dir.resolve("std/a_std.tif").toString(), "--method", "bicubic"),
                calls.get(0).subList(5, 9));
    }

    /** Stand-in for a command with two outputs: the enlargement to --out, then a .cfl pair to --out-extra. */
    private int enlargeAndExtra(List<String> args) throws IOException {
        int status = enlarge(args);
        Path extra = Path.of(args.get(args.indexOf("--out-extra") + 1));
        Files.createDirectories(extra.getParent());
        org.diffprior.io.Cfl.write(extra, new org.diffprior.io.ComplexArray(new long[] {1}, new float[2]));
        return status;
    }

    @Test
    void resumeRedoesAFileWithAnyOutputMissing() throws IOException {
        makeFolder();
        Files.delete(in.resolve("c.tif"));
        Files.delete(in.resolve("d.tiff"));
        BatchRequest request = BatchRequest.builder("sr", in, out)
                .commandOptions(List.of("--out-extra", dir.resolve("extra/{name}_k.cfl").toString())).build();
        BatchRunner runner = new BatchRunner(this::enlargeAndExtra, ProgressListener.NONE,
                new PrintStream(new ByteArrayOutputStream()), null);
        assertEquals("2 done, 0 skipped, 0 failed", runner.run(request).summaryLine());
        assertTrue(Files.exists(dir.resolve("extra/b_k.cfl")) && Files.exists(dir.resolve("extra/b_k.hdr")));

        // Killed after b's first output: its second (here the header of the .cfl pair) is missing.
        Files.delete(dir.resolve("extra/b_k.hdr"));
        calls.clear();
        BatchReport resumed = runner.run(request);
        assertEquals("1 done, 1 skipped, 0 failed", resumed.summaryLine());
        assertEquals(1, calls.size(), "only b is redone");
        assertEquals(in.resolve("b.tif").toString(), calls.get(0).get(2));
        assertEquals(FileStatus.SKIPPED, resumed.outcomes().get(0).status());
        FileOutcome b = resumed.outcomes().get(1);
        assertEquals(FileStatus.DONE, b.status());
        assertTrue(b.message().contains("redone: " + dir.resolve("extra/b_k.hdr") + " was missing"), b.message());
        assertTrue(Files.exists(dir.resolve("extra/b_k.hdr")));

        // The same with the main output missing and the extra there; and both there: nothing to do.
        Files.delete(out.resolve("a.tif"));
        calls.clear();
        assertEquals("1 done, 1 skipped, 0 failed", runner.run(request).summaryLine());
        assertEquals(in.resolve("a.tif").toString(), calls.get(0).get(2));
        calls.clear();
        assertEquals("0 done, 2 skipped, 0 failed", runner.run(request).summaryLine());
        assertTrue(calls.isEmpty());

        // A command that exits 0 without its second output failed.
        BatchReport forgetful = new BatchRunner(this::enlarge, ProgressListener.NONE,
                new PrintStream(new ByteArrayOutputStream()), null).run(
                        BatchRequest.builder("sr", in,
                                dir.resolve("out3"))
                                .commandOptions(List.of("--std-out=" + dir.resolve("std/{name}.tif")))
                                .build());
        assertEquals(1, forgetful.exitCode());
        assertTrue(forgetful.outcomes().get(0).message().contains("wrote no " + dir.resolve("std/a.tif")),
                forgetful.outcomes().get(0).message());
    }

    @Test
    void anOutputOptionWithoutTheNamePlaceholderIsRefused() throws IOException {
        makeFolder();
        BatchRunner runner = new BatchRunner(this::enlarge, ProgressListener.NONE,
                new PrintStream(new ByteArrayOutputStream()), null);
        for (List<String> options : List.of(List.of("--std-out", "std/std.tif"), List.of("--out-mask=mask.tif"),
                List.of("--samples-out", "all.tif", "--scale", "2"))) {
            InvalidInputException shared = assertThrows(InvalidInputException.class,
                    () -> runner.run(BatchRequest.builder("sr", in, out).commandOptions(options).build()));
            assertTrue(shared.getMessage().contains("would be written for every file; put {name} in it"),
                    shared.getMessage());
        }
        assertEquals("batch: --std-out std/std.tif would be written for every file; put {name} in it, e.g. "
                + "--std-out std/{name}_std.tif",
                assertThrows(InvalidInputException.class,
                        () -> runner.run(BatchRequest.builder("sr", in, out)
                                .commandOptions(List.of("--std-out", "std/std.tif")).build()))
                        .getMessage());
        InvalidInputException nul = assertThrows(InvalidInputException.class, () -> runner.run(BatchRequest
                .builder("sr", in, out).commandOptions(List.of("--std-out", "std/{name}\0.tif")).build()));
        assertTrue(nul.getMessage().contains("is not a valid path"), nul.getMessage());
        assertTrue(calls.isEmpty());
        assertTrue(InputConventions.isOutputOption("--out-sens") && InputConventions.isOutputOption("--order-out"));
        assertFalse(InputConventions.isOutputOption("--output-extension")
                || InputConventions.isOutputOption("--mask") || InputConventions.isOutputOption("--outliers"));
    }

    @Test
    void refusesBadRequestsWithOneLine() throws IOException {
        makeFolder();
        ProgressListener quiet = ProgressListener.NONE;
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        BatchRunner runner = new BatchRunner(this::enlarge, quiet, log, null);
        InvalidInputException outTwice = assertThrows(InvalidInputException.class, () -> runner.run(
                BatchRequest.builder("sr", in, out).commandOptions(List.of("--out=x.tif")).build()));
        assertTrue(outTwice.getMessage().contains("--out is filled in"), outTwice.getMessage());
        InvalidInputException noFolder = assertThrows(InvalidInputException.class, () -> runner.run(
                BatchRequest.builder("sr", dir.resolve("absent"), out).build()));
        assertTrue(noFolder.getMessage().contains("is not a folder"), noFolder.getMessage());
        Files.copy(in.resolve("a.tif"), in.resolve("a.TIF"));
        InvalidInputException collision = assertThrows(InvalidInputException.class, () -> runner.run(
                BatchRequest.builder("sr", in, out).build()));
        assertTrue(collision.getMessage().contains("would both write"), collision.getMessage());
        InvalidInputException overwrite = assertThrows(InvalidInputException.class, () -> runner.run(
                BatchRequest.builder("sr", in, in).build()));
        assertTrue(overwrite.getMessage().contains("would overwrite its input"), overwrite.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> runner.run(
                BatchRequest.builder("info", in, out).build()));
        assertTrue(unknown.message(key -> "--" + key.replace('_', '-')).contains("--input-option"),
                unknown.getMessage());
        assertTrue(calls.isEmpty());
    }

    @Test
    void verboseForwardsEveryCommandMessage() throws IOException {
        makeFolder();
        ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
        BatchRequest request = BatchRequest.builder("sr", in, out).pattern("c.tif").build();
        new BatchRunner(this::enlarge, ProgressListener.NONE, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(forwarded, true, StandardCharsets.UTF_8)).run(request);
        String text = forwarded.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("diffprior sr: starting\ndiffprior: " + in.resolve("c.tif")), text);
    }

    @Test
    void capturedMessagesStayBoundedAndKeepTheLastLine() {
        LastLineCapture capture = new LastLineCapture(null);
        PrintStream err = new PrintStream(capture, true, StandardCharsets.UTF_8);
        err.print("x".repeat(1_000_000));
        err.println();
        err.println("diffprior: scan.cfl: truncated");
        err.println("   ");
        assertEquals("scan.cfl: truncated", capture.lastLine());
        err.print("y".repeat(1_000_000));
        assertEquals(4096, capture.lastLine().length());
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotes() {
        assertEquals("plain", SummaryCsv.quote("plain"));
        assertEquals("\"a, \"\"b\"\"\"", SummaryCsv.quote("a, \"b\""));
    }
}
