package org.diffprior.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.diffprior.batch.BatchRequest;
import org.diffprior.batch.BatchRunner;
import org.diffprior.batch.FileOutcome;
import org.diffprior.cli.BatchArguments;
import org.diffprior.core.ProgressListener;

/**
 * The executor side of the job: runs one file's unit of work ({@link BatchRunner#runFile}) in this JVM through
 * the in-process command line, so that every file an executor gets shares one model cache
 * ({@code djl.ModelStore} keeps each model loaded for the life of the JVM) and one prepared request.
 */
final class BatchWorker {

    /** One batch as prepared in this JVM: the request, its input option and a runner. */
    private record Prepared(BatchRequest request, String inputOption, BatchRunner runner) {
    }

    private static final Map<BatchSpec, Prepared> PREPARED = new ConcurrentHashMap<>();

    // Taken before any file runs: the runner captures System.err per thread while a file runs, and forwarding
    // a command's messages to the capturing stream itself would loop.
    private static final PrintStream ERR = System.err;

    static {
        // As bin/diffprior sets it; ImageJ's readers must not look for a display on a worker.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private BatchWorker() {
    }

    /**
     * Runs {@code input} of the batch {@code spec}: skipped when its output exists, else the command in this JVM,
     * which writes its outputs atomically.
     */
    static FileOutcome run(BatchSpec spec, String input) {
        Prepared prepared = PREPARED.computeIfAbsent(spec, BatchWorker::prepare);
        return prepared.runner().runFile(prepared.request(), prepared.inputOption(), Path.of(input));
    }

    private static Prepared prepare(BatchSpec spec) {
        BatchRequest request = spec.request();
        BatchRunner runner = new BatchRunner(BatchArguments.IN_PROCESS, ProgressListener.NONE, System.out,
                spec.verbose() ? ERR : null);
        // The driver has checked the same request, so this does not fail on a worker.
        return new Prepared(request, BatchRunner.inputOption(request), runner);
    }
}
