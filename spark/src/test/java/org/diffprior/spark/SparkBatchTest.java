package org.diffprior.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.diffprior.batch.BatchReport;
import org.diffprior.batch.FileOutcome;
import org.diffprior.batch.FileStatus;
import org.diffprior.cli.BatchArguments;
import org.diffprior.cli.DiffPriorCli;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode with two executor threads against {@code diffprior batch} itself, on a folder of
 * small images super-resolved by bicubic interpolation (milliseconds a file): the same outputs byte for byte,
 * the same summary apart from the seconds, and a job killed half-way finishing the rest when run again.
 */
class SparkBatchTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    private Path in;
    private Path truth;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkBatchTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    /** Six images of different sizes, one garbage file with a TIFF name, ground truth for some. */
    @BeforeEach
    void makeFolder() throws IOException {
        in = Files.createDirectories(dir.resolve("in"));
        truth = Files.createDirectories(dir.resolve("truth"));
        for (int i = 0; i < 6; i++) {
            Tiffs.write(pattern(12 + 2 * i, 10 + i, i), in.resolve("img" + i + ".tif"));
        }
        Files.write(in.resolve("broken.tif"), "II*\0 not a TIFF".getBytes(StandardCharsets.US_ASCII));
        Tiffs.write(pattern(24, 20, 0), truth.resolve("img0.tif"));
        Tiffs.write(pattern(32, 24, 2), truth.resolve("img2.tif"));
    }

    private static FloatImage pattern(int width, int height, int seed) {
        float[] data = new float[width * height];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (0.5 + 0.4 * Math.sin(0.3 * (i % width) + 0.2 * (i / width) + seed));
        }
        return FloatImage.of(width, height, data);
    }

    private List<String> batchArgs(Path out) {
        return List.of("sr", "--in", in.toString(), "--out", out.toString(), "--truth", truth.toString(), "--scale",
                "2", "--method", "bicubic");
    }

    private int commandLineBatch(Path out) {
        List<String> line = new ArrayList<>(List.of("batch"));
        line.addAll(batchArgs(out));
        return DiffPriorCli.commandLine().execute(line.toArray(String[]::new));
    }

    private BatchReport sparkBatch(Path out, ByteArrayOutputStream log) throws IOException {
        return SparkBatch.run(spark, BatchArguments.parse(batchArgs(out), System.out), new PrintStream(log, true));
    }

    @Test
    void sameOutputsAndSummaryAsTheCommandLineBatch() throws IOException {
        Path cliOut = dir.resolve("cli");
        Path sparkOut = dir.resolve("spark");
        assertEquals(2, commandLineBatch(cliOut), "the broken file makes the batch exit 2");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BatchReport report = sparkBatch(sparkOut, log);

        assertEquals("6 done, 0 skipped, 1 failed", report.summaryLine());
        assertEquals(2, report.exitCode());
        assertEquals(List.of("broken.tif", "img0.tif", "img1.tif", "img2.tif", "img3.tif", "img4.tif", "img5.tif"),
                report.outcomes().stream().map(FileOutcome::file).toList(), "name order, as the command line");
        assertSameOutputs(cliOut, sparkOut);
        FileOutcome broken = report.outcomes().get(0);
        assertTrue(broken.message().startsWith(in.resolve("broken.tif") + ": "),
                "the failure's own line, not another task's: " + broken.message());
        assertTrue(log.toString().contains("failed  broken.tif  (exit 2)"), log.toString());
        assertTrue(log.toString().contains("7 files in "), "the job's throughput: " + log);
        assertTrue(Double.isFinite(report.outcomes().get(1).psnr()) && Double.isFinite(report.outcomes().get(3).psnr()),
                "scored against the truth");
    }

    @Test
    void aKilledJobResumesAndFinishesTheRest() throws IOException {
        Path cliOut = dir.resolve("cli");
        commandLineBatch(cliOut);
        // What a job killed half-way leaves: some outputs complete (written atomically), the others missing, a
        // writer's temporary file and an interim summary.
        Path sparkOut = Files.createDirectories(dir.resolve("spark"));
        for (String done : List.of("img0.tif", "img3.tif", "img4.tif")) {
            Files.copy(cliOut.resolve(done), sparkOut.resolve(done));
        }
        // A temporary of a process that no longer runs (pid above any pid_max), as io.AtomicFiles names them.
        Path leftover = sparkOut.resolve(".img1.99999999-0123456789abcdef.part.tif");
        Files.writeString(leftover, "half a file");
        Files.writeString(sparkOut.resolve("batch-summary.csv"), "file,status\nimg0.tif,done\n");

        BatchReport resumed = sparkBatch(sparkOut, new ByteArrayOutputStream());

        assertEquals("3 done, 3 skipped, 1 failed", resumed.summaryLine());
        assertEquals(List.of(FileStatus.FAILED, FileStatus.SKIPPED, FileStatus.DONE, FileStatus.DONE,
                FileStatus.SKIPPED, FileStatus.SKIPPED, FileStatus.DONE),
                resumed.outcomes().stream().map(FileOutcome::status).toList());
        for (int i = 0; i < 6; i++) {
            String name = "img" + i + ".tif";
            assertArrayEquals(Files.readAllBytes(cliOut.resolve(name)), Files.readAllBytes(sparkOut.resolve(name)),
                    name);
        }
        assertTrue(Files.readString(sparkOut.resolve("batch-summary.csv")).contains("\nimg4.tif,skipped,"),
                "the summary is rewritten whole");
        assertFalse(Files.exists(leftover), "the killed writer's temporary is cleaned up");

        BatchReport again = sparkBatch(sparkOut, new ByteArrayOutputStream());
        assertEquals("0 done, 6 skipped, 1 failed", again.summaryLine(), "nothing left to do but the bad file");
    }

    @Test
    void badArgumentsAndUrisAreOneLineAndStatusTwoBeforeSparkStarts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SparkBatch.run(List.of("sr", "--in", dir.resolve("missing").toString(), "--out",
                dir.resolve("o").toString(), "--scale", "2"), new PrintStream(out, true), new PrintStream(err, true));

        assertEquals(2, status);
        assertEquals("diffprior-spark: batch: --in " + dir.resolve("missing") + " is not a folder\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("o")));
        assertEquals(2, SparkBatch.run(List.of("sr", "--out", "o"), new PrintStream(out, true),
                new PrintStream(err, true)), "a missing --in");

        err.reset();
        assertEquals(2, SparkBatch.run(List.of("sr", "--in", in.toString(), "--out", "hdfs://namenode/hr", "--scale",
                "2"), new PrintStream(out, true), new PrintStream(err, true)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
                "diffprior-spark: batch: --out hdfs:/namenode/hr is a URI; the commands read and write through the "
                        + "local file system: mount it"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Every output file byte for byte; the summaries row for row apart from the seconds column. */
    private static void assertSameOutputs(Path expected, Path actual) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(expected)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String name : names) {
            if (!name.endsWith(".csv")) {
                assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)),
                        name);
            }
        }
        assertEquals(withoutSeconds(expected.resolve("batch-summary.csv")),
                withoutSeconds(actual.resolve("batch-summary.csv")));
    }

    private static List<String> withoutSeconds(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(line -> line.replaceFirst("^([^,]*,[^,]*,[^,]*),[^,]*,", "$1,,"))
                .toList();
    }
}
