package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.SrInterpolation;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.prior.Denoiser;

/**
 * Runs an {@link SrRequest} plane by plane, as both entry points do: interpolation (optionally made consistent
 * with the degradation) or diffusion, each plane an independent image.
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
        Denoiser prior = request.isDiffusion() ? Priors.open(request.model()) : null;
        List<DiffusionOutput> outputs = new ArrayList<>();
        for (int z = 0; z < lowRes.slices(); z++) {
            float[] plane = lowRes.slice(z);
            if (prior != null) {
                outputs.add(
                        SrDiffusion.run(plane, lowRes.width(), lowRes.height(), request.scale(), request.degradation(),
                                request.noiseSigma(), prior, request.diffusion(), progress, cancel));
            } else {
                long start = System.nanoTime();
                float[] image = SrInterpolation.upsample(plane, lowRes.width(), lowRes.height(), request.scale(),
                        request.method(), request.dataConsistency() ? request.degradation() : null);
                outputs.add(DiffusionOutput.pointEstimate(request.width(), request.height(), image,
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return outputs;
    }
}
