package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.prior.Denoiser;

/**
 * Runs an {@link SrRequest}, as both entry points do: interpolation (optionally made consistent with the
 * degradation) plane by plane, or diffusion with the model loaded once and the planes of a volume in batches of
 * {@link SliceBatches#SLICES} through the network; each plane is an independent image.
 *
 * <pre>{@code
 * List<DiffusionOutput> planes = SrTask.run(SrRequest.builder(lowRes, 2).build(), progress, cancel);
 * Tiffs.write(DiffusionOutput.meanStack(planes), out);
 * }</pre>
 */
public final class SrTask {

    private SrTask() {
    }

    /** One output per plane; an interpolation is a {@link DiffusionOutput#pointEstimate point estimate}. */
    public static List<DiffusionOutput> run(SrRequest request, ProgressListener progress, CancelToken cancel) {
        FloatImage lowRes = request.lowRes();
        List<float[]> planes = new ArrayList<>();
        for (int z = 0; z < lowRes.slices(); z++) {
            planes.add(lowRes.slice(z));
        }
        if (request.isDiffusion()) {
            Denoiser prior = Priors.open(request.model());
            int samples = request.diffusion().samples();
            return SliceBatches.run(planes.size(), SliceBatches.SLICES, z -> SliceBatches.allZero(planes.get(z)),
                    () -> zeros(request, samples), progress, cancel,
                    (slices, batchProgress) -> SrDiffusion.runSlices(SliceBatches.pick(planes, slices),
                            lowRes.width(), lowRes.height(), request.scale(), request.degradation(),
                            request.noiseSigma(), prior, request.diffusion(), batchProgress, cancel));
        }
        return SliceBatches.run(planes.size(), 1, z -> SliceBatches.allZero(planes.get(z)), () -> zeros(request, 1),
                progress, cancel, (slices, batchProgress) -> {
                    long start = System.nanoTime();
                    float[] image = SrInterpolation.upsample(planes.get(slices.get(0)), lowRes.width(), lowRes.height(),
                            request.scale(), request.method(),
                            request.dataConsistency() ? request.degradation() : null);
                    return List.of(DiffusionOutput.pointEstimate(request.width(), request.height(), image,
                            (System.nanoTime() - start) / 1e9));
                });
    }

    private static DiffusionOutput zeros(SrRequest request, int samples) {
        return DiffusionOutput.of(request.width(), request.height(),
                new float[samples][request.width() * request.height()], 0, 0);
    }
}
