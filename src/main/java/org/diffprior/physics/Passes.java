package org.diffprior.physics;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How the passes of a transform over the rows or columns of one image are shared out: in parts run in the common
 * pool for an image of at least 128², unless the caller already runs in that pool (a coil or slice of a parallel
 * stream), which keeps the work where it is instead of nesting a second level of tasks. A pool of its own
 * (JTransforms' threads beside the coil workers) made the 8-coil normal operator twice as slow on two cores.
 */
final class Passes {

    /** Below 128² a pass takes tens of microseconds, too little to share out. */
    static final long PARALLEL_PIXELS = 128 * 128;

    private Passes() {
    }

    /**
     * Runs {@code part} for every part of {@code units} rows or column blocks of an image of {@code pixels} pixels:
     * part p of n covers units [p·units/n, (p+1)·units/n).
     */
    static void run(long pixels, int units, PartConsumer part) {
        int parts = pixels < PARALLEL_PIXELS || ForkJoinTask.inForkJoinPool() ? 1
                : Math.min(units, 2 * (ForkJoinPool.getCommonPoolParallelism() + 1));
        IntConsumer body = p -> part.accept((int) ((long) p * units / parts), (int) ((long) (p + 1) * units / parts));
        if (parts <= 1) {
            body.accept(0);
        } else {
            IntStream.range(0, parts).parallel().forEach(body);
        }
    }

    /** One part: units [from, to). */
    @FunctionalInterface
    interface PartConsumer {
        void accept(int from, int to);
    }
}
