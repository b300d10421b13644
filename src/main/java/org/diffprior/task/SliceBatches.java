package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;

/**
 * Runs the slices of a volume in batches: each batch is one sampling run whose slices go through the network
 * together (the model stays loaded across batches), so a 181-slice volume costs the memory of one batch, reports
 * its progress slice by slice ("slices 9-16 of 181") and stops at the next step after a cancel.
 *
 * <pre>{@code
 * List<DiffusionOutput> planes = SliceBatches.run(sinograms.size(), SliceBatches.SLICES, z -> false, null, progress,
 *         cancel, (slices, batchProgress) -> CtDiffusion.runSlices(pick(sinograms, slices), ..., batchProgress, cancel));
 * }</pre>
 */
public final class SliceBatches {

    /**
     * Slices per sampling run: with K samples, K × 8 images per network step, split further by the denoiser to
     * bound its memory; a stack of up to 8 slices is one run, as before volumes were taken.
     */
    public static final int SLICES = 8;

    /** One batch: the outputs of the given slices (ascending indices into the volume), in their order. */
    @FunctionalInterface
    public interface Batch {
        List<DiffusionOutput> run(List<Integer> slices, ProgressListener progress);
    }

    private SliceBatches() {
    }

    /**
     * The outputs of all {@code slices}, batch by batch of at most {@code batchSize}; the progress of a batch is
     * scaled into the whole run and labelled with its slices. In a volume (more than one slice) a slice whose
     * measurement is all zero ({@code empty}, as the planes outside a brain template) is {@code zero}'s output
     * without running: only the zero image agrees with it and the prior adds nothing there.
     */
    public static List<DiffusionOutput> run(int slices, int batchSize, IntPredicate empty,
            Supplier<DiffusionOutput> zero, ProgressListener progress, CancelToken cancel, Batch batch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        DiffusionOutput[] outputs = new DiffusionOutput[slices];
        List<Integer> work = new ArrayList<>();
        for (int z = 0; z < slices; z++) {
            if (slices > 1 && empty.test(z)) {
                outputs[z] = zero.get();
            } else {
                work.add(z);
            }
        }
        for (int from = 0; from < work.size(); from += batchSize) {
            cancel.check();
            List<Integer> part = work.subList(from, Math.min(work.size(), from + batchSize));
            int first = part.get(0) + 1;
            int last = part.get(part.size() - 1) + 1;
            String label = slices == 1 ? "" : (first == last ? "slice " + first : "slices " + first + "-" + last)
                    + " of " + slices + ": ";
            int start = from;
            int count = part.size();
            int total = work.size();
            ProgressListener inner = slices == 1 ? progress
                    : (done, steps, message) -> progress.progress(start * steps + done * count, (long) total * steps,
                            label + (message == null ? "" : message));
            List<DiffusionOutput> results = batch.run(part, inner);
            if (results.size() != count) {
                throw new IllegalStateException("a batch of " + count + " slices gave " + results.size());
            }
            for (int n = 0; n < count; n++) {
                outputs[part.get(n)] = results.get(n);
            }
            if (slices > 1) {
                progress.progress(from + count, total, "slice " + last + " of " + slices + " done");
            }
        }
        return List.of(outputs);
    }

    /** The elements of {@code list} at {@code indices}. */
    static <T> List<T> pick(List<T> list, List<Integer> indices) {
        return indices.stream().map(list::get).toList();
    }

    /** True when every value is zero. */
    static boolean allZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
