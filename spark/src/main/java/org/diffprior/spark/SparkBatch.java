package org.diffprior.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.diffprior.batch.BatchReport;
import org.diffprior.batch.BatchRequest;
import org.diffprior.batch.BatchRunner;
import org.diffprior.batch.FileOutcome;
import org.diffprior.batch.SummaryCsv;
import org.diffprior.cli.BatchArguments;
import org.diffprior.core.InvalidInputException;

/**
 * {@code diffprior batch} as an Apache Spark job: the same command and options, one Spark task per input file,
 * each run on an executor in that executor's JVM ({@link BatchWorker}: one model cache per executor). Finished
 * files are skipped (outputs are written atomically, so an existing one is complete), which makes a killed job
 * resume where it stopped; the driver prints one line per file as they finish and writes the summary CSV
 * (every ten seconds on the way, and at the end). Exit status as {@code diffprior batch}: 0, 2 for bad inputs, 1
 * for internal failures.
 *
 * <pre>
 * spark-submit --class org.diffprior.spark.SparkBatch --jars ... diffprior-spark.jar \
 *         sr --in /shared/lr --out /shared/hr --scale 2 --method bicubic
 * </pre>
 */
public final class SparkBatch {

    private static final long SUMMARY_INTERVAL_NANOS = 10_000_000_000L;

    private static final Pattern URI_LIKE = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");

    private SparkBatch() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Runs the job on a Spark context made from the settings of {@code spark-submit} (a local one on all cores
     * when no master is set) and returns the exit status.
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        BatchArguments arguments;
        try {
            arguments = BatchArguments.parse(args, out);
            if (arguments == null) {
                return 0;
            }
            // Bad options and folders are refused before Spark starts.
            check(arguments.request());
        } catch (InvalidInputException e) {
            err.println("diffprior-spark: " + BatchArguments.message(e));
            return 2;
        } catch (IOException e) {
            err.println("diffprior-spark: internal error: " + e);
            return 1;
        }
        SparkConf conf = new SparkConf().setAppName("diffprior batch " + arguments.request().command())
                .setIfMissing("spark.master", "local[*]");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            BatchRequest request = arguments.request();
            BatchReport report = run(spark, arguments, out);
            out.println(report.summaryLine() + "; summary " + request.effectiveSummaryFile());
            if (report.exitCode() != 0) {
                err.println("diffprior-spark: batch: " + report.summaryLine() + "; reasons in "
                        + request.effectiveSummaryFile());
            }
            return report.exitCode();
        } catch (InvalidInputException e) {
            err.println("diffprior-spark: " + BatchArguments.message(e));
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("diffprior-spark: internal error: " + e);
            return 1;
        }
    }

    /**
     * Runs the batch of {@code arguments} on {@code spark}, printing one line per file to {@code log} as files
     * finish, and writes the summary CSV; returns the outcomes in file-name order.
     */
    public static BatchReport run(JavaSparkContext spark, BatchArguments arguments, PrintStream log)
            throws IOException {
        BatchRequest request = arguments.request();
        List<Path> inputs = check(request);
        Files.createDirectories(request.outputDir());
        BatchSpec spec = BatchSpec.of(arguments);
        List<String> files = inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        Map<String, Integer> order = new HashMap<>();
        for (Path input : inputs) {
            order.put(input.getFileName().toString(), order.size());
        }
        CollectionAccumulator<FileOutcome> finished = spark.sc().collectionAccumulator("diffprior files");
        List<FileOutcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        if (!files.isEmpty()) {
            // One task per file: Spark hands files to free executors one at a time, so uneven files balance.
            JavaRDD<String> tasks = spark.parallelize(files, files.size());
            JavaFutureAction<Void> job = tasks.foreachAsync(file -> finished.add(BatchWorker.run(spec, file)));
            long lastSummary = System.nanoTime();
            boolean done = false;
            while (!done) {
                done = waitFor(job);
                // Accumulator updates of successful tasks only, once each, in the order tasks ended.
                List<FileOutcome> sofar = finished.value();
                for (int i = outcomes.size(); i < sofar.size(); i++) {
                    log.println(BatchRunner.describe(sofar.get(i)));
                }
                outcomes = new ArrayList<>(sofar);
                if (!done && System.nanoTime() - lastSummary > SUMMARY_INTERVAL_NANOS) {
                    SummaryCsv.write(request.effectiveSummaryFile(), sorted(outcomes, order));
                    lastSummary = System.nanoTime();
                }
            }
        }
        List<FileOutcome> rows = sorted(outcomes, order);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Throughput after Spark's start-up, to size a cluster by.
        log.println(String.format(Locale.ROOT, "%d files in %.1f s (%.1f files/min) on %d task slots", rows.size(),
                seconds, rows.size() * 60 / Math.max(seconds, 1e-3), spark.defaultParallelism()));
        SummaryCsv.write(request.effectiveSummaryFile(), rows);
        return new BatchReport(rows);
    }

    /** Refuses URIs and what {@code diffprior batch} refuses; returns the inputs. */
    private static List<Path> check(BatchRequest request) throws IOException {
        refuseUri("in", request.inputDir());
        refuseUri("out", request.outputDir());
        refuseUri("truth", request.truthDir());
        refuseUri("summary", request.summaryFile());
        BatchRunner.inputOption(request);
        return BatchRunner.listInputs(request);
    }

    /** {@code hdfs://nn/data} arrives as the path {@code hdfs:/nn/data}: a scheme, then a slash. */
    private static void refuseUri(String key, Path path) {
        if (path != null && URI_LIKE.matcher(path.toString()).matches()) {
            throw InvalidInputException.of(key, "batch: {" + key + "} " + path + " is a URI; the commands read and "
                    + "write through the local file system: mount it at the same path on every node (NFS, "
                    + "HDFS NFS gateway, s3fs) and give that path");
        }
    }

    /** Waits up to a second; true when the job has finished, its failure rethrown. */
    private static boolean waitFor(JavaFutureAction<Void> job) {
        try {
            job.get(1, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Spark job failed: " + e.getCause(), e.getCause());
        }
    }

    private static List<FileOutcome> sorted(List<FileOutcome> outcomes, Map<String, Integer> order) {
        List<FileOutcome> rows = new ArrayList<>(outcomes);
        rows.sort(Comparator.comparing(o -> order.get(o.file())));
        return rows;
    }
}
