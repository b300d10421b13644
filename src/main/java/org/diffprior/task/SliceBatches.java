package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;

/**
 * Runs the slices of a volume in batches: each batch is one sampling run whose slices go through the network
 * together (the model stays loaded across batches), so a 181-slice volume costs the memory of one batch, reports
 * its progress slice by slice ("slices 9-16 of 181") and stops at the next step after a cancel.
 *
 * <pre>{@code
 * List<DiffusionOutput> planes = SliceBatches.run(sinograms.size(), SliceBatches.SLICES, progress, cancel,
 *         (from, to, batchProgress) -> CtDiffusion.runSlices(sinograms.subList(from, to), ..., batchProgress, cancel));
 * }</pre>
 */
public final class SliceBatches {

    /**
     * Slices per sampling run: with K samples, K × 8 images per network step, split further by the denoiser to
     * bound its memory; a stack of up to 8 slices is one run, as before volumes were taken.
     */
    public static final int SLICES = 8;

    /** One batch: the outputs of slices {@code from} (inclusive) to {@code to} (exclusive), in order. */
    @FunctionalInterface
    public interface Batch {
        List<DiffusionOutput> run(int from, int to, ProgressListener progress);
    }

    private SliceBatches() {
    }

    /**
     * The outputs of all {@code slices}, batch by batch of at most {@code batchSize}; the progress of a batch is
     * scaled into the whole run and labelled with its slices.
     */
    public static List<DiffusionOutput> run(int slices, int batchSize, ProgressListener progress, CancelToken cancel,
            Batch batch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<DiffusionOutput> outputs = new ArrayList<>(slices);
        for (int from = 0; from < slices; from += batchSize) {
            cancel.check();
            int start = from;
            int to = Math.min(slices, from + batchSize);
            String label = slices == 1 ? "" : (to - from == 1 ? "slice " + to : "slices " + (from + 1) + "-" + to)
                    + " of " + slices + ": ";
            ProgressListener inner = slices == 1 ? progress
                    : (done, total, message) -> progress.progress(start * total + done * (to - start),
                            (long) slices * total, label + (message == null ? "" : message));
            List<DiffusionOutput> part = batch.run(from, to, inner);
            if (part.size() != to - from) {
                throw new IllegalStateException("a batch of " + (to - from) + " slices gave " + part.size());
            }
            outputs.addAll(part);
            if (slices > 1) {
                progress.progress(to, slices, "slice " + to + " of " + slices + " done");
            }
        }
        return outputs;
    }
}
