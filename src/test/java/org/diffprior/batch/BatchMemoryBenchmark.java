package org.diffprior.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.diffprior.cli.DiffPriorCli;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;

/**
 * Memory of a long batch: runs {@code mri --method zero-filled} in-process on N k-space files (one in ten
 * truncated) and prints heap after a full GC and the process's resident memory every N/8 files; both should
 * stay flat. Not a test (slow); run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.batch.BatchMemoryBenchmark 800 128}.
 */
public final class BatchMemoryBenchmark {

    private BatchMemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        Path root = Files.createTempDirectory("batch-memory");
        Path in = Files.createDirectories(root.resolve("in"));
        float[] ones = new float[size * size];
        Arrays.fill(ones, 1f);
        Path mask = root.resolve("mask.tif");
        Tiffs.write(FloatImage.of(size, size, ones), mask);
        for (int i = 0; i < files; i++) {
            Path file = in.resolve(String.format(Locale.ROOT, "scan_%05d.cfl", i));
            BatchCommandTest.writeDcKspace(file, 1f + i, 0f, size, size);
            if (i % 10 == 9) {
                Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));
            }
        }
        System.out.printf("%8s %12s %12s %10s%n", "files", "heap MiB", "RSS MiB", "seconds");
        long start = System.nanoTime();
        int every = Math.max(1, files / 8);
        BatchRunner runner = new BatchRunner(a -> DiffPriorCli.commandLine().execute(a.toArray(String[]::new)),
                (done, total, message) -> {
                    if (done % every == 0 || done == total) {
                        System.gc();
                        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        System.out.printf(Locale.ROOT, "%8d %12.1f %12.1f %10.1f%n", done, heap / 1048576.0,
                                residentMiB(), (System.nanoTime() - start) / 1e9);
                    }
                }, new PrintStream(OutputStream.nullOutputStream()), null);
        BatchReport report = runner.run(BatchRequest.builder("mri", in, root.resolve("out"))
                .commandOptions(List.of("--mask", mask.toString(), "--method", "zero-filled")).build());
        System.out.println(
                report.summaryLine() + " (expected " + (files - files / 10) + " done, " + files / 10 + " failed)");
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
