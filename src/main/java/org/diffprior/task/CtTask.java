package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.CtReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.prior.Denoiser;

/**
 * Runs a {@link CtRequest}, as both entry points do: a classical method plane by plane, diffusion on the planes in
 * sampling runs of {@link SliceBatches#SLICES} planes (each batched through the network), and {@code auto} as the self-validated blend of diffusion and TV
 * when there are views enough to hold some out.
 *
 * <pre>{@code
 * CtTask.Result result = CtTask.run(CtRequest.builder(sinograms, angles).build(), progress, cancel);
 * Tiffs.write(DiffusionOutput.meanStack(result.planes()), out);
 * }</pre>
 */
public final class CtTask {

    /**
     * One output per plane (a classical image is a {@link DiffusionOutput#pointEstimate point estimate}), and the
     * auto choice when the blend ran (else null).
     */
    public record Result(List<DiffusionOutput> planes, CtAuto.Result auto) {
    }

    private CtTask() {
    }

    public static Result run(CtRequest request, ProgressListener progress, CancelToken cancel) {
        FloatImage sinograms = request.sinograms();
        List<float[]> planes = new ArrayList<>();
        for (int z = 0; z < sinograms.slices(); z++) {
            planes.add(sinograms.slice(z));
        }
        int bins = sinograms.width();
        if (!request.isDiffusion()) {
            CtReconstruction.Method method = CtReconstruction.Method.parse(request.method());
            List<DiffusionOutput> outputs = SliceBatches.run(planes.size(), 1, z -> SliceBatches.allZero(planes.get(z)),
                    () -> zeros(request, 1), progress, cancel, (slices, sliceProgress) -> {
                        long start = System.nanoTime();
                        float[] image = CtReconstruction.run(planes.get(slices.get(0)), request.anglesDegrees(), bins,
                                request.size(), method, request.classical(), sliceProgress, cancel);
                        return List.of(DiffusionOutput.pointEstimate(request.size(), request.size(), image,
                                (System.nanoTime() - start) / 1e9));
                    });
            return new Result(outputs, null);
        }
        Denoiser prior = Priors.open(request.model());
        if (request.auto() && request.views() >= CtAuto.MIN_VIEWS) {
            CtAuto.Result choice = CtAuto.run(planes, request.anglesDegrees(), bins, prior, request.diffusion(),
                    request.noise(), progress, cancel);
            return new Result(choice.outputs(), choice);
        }
        return new Result(SliceBatches.run(planes.size(), SliceBatches.SLICES,
                z -> SliceBatches.allZero(planes.get(z)), () -> zeros(request, request.diffusion().samples()), progress,
                cancel, (slices, batchProgress) -> CtDiffusion.runSlices(SliceBatches.pick(planes, slices),
                        request.anglesDegrees(), bins, prior, request.diffusion(), request.noise(),
                        request.throughPlaneTv(), batchProgress, cancel)),
                null);
    }

    private static DiffusionOutput zeros(CtRequest request, int samples) {
        int size = request.size();
        return DiffusionOutput.of(size, size, new float[samples][size * size], 0, 0);
    }
}
