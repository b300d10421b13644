package org.diffprior.task;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.ProgressListener;
import org.diffprior.djl.ScanAdaptation;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Espirit;
import org.diffprior.prior.Denoiser;

/**
 * Runs an {@link MriRequest}, as both entry points do: the coil maps by ESPIRiT when asked, then a classical method
 * slice by slice, diffusion on the slices in sampling runs of {@link SliceBatches#SLICES} slices (each batched
 * through the network), or {@code auto}, the
 * self-validated blend of diffusion and TV ({@link MriAuto}), both at the request's noise level.
 *
 * <pre>{@code
 * MriTask.Result result = MriTask.run(MriRequest.builder(slices).mask(mask).build(), progress, cancel);
 * Tiffs.write(DiffusionOutput.meanStack(result.planes()), out);
 * }</pre>
 */
public final class MriTask {

    /**
     * One magnitude output per slice (a classical image is a {@link DiffusionOutput#pointEstimate point estimate}),
     * the auto choice when auto ran (else null), and the prior's adaptation when it was adapted (else null).
     */
    public record Result(List<DiffusionOutput> planes, MriAuto.Result auto, MriAdaptation.Adapted adaptation) {

        public Result(List<DiffusionOutput> planes, MriAuto.Result auto) {
            this(planes, auto, null);
        }
    }

    private MriTask() {
    }

    public static Result run(MriRequest request, ProgressListener progress, CancelToken cancel) {
        List<CoilArray> kspaces = request.kspaces();
        List<float[]> masks = request.masks();
        List<CoilArray> maps = sensitivities(request);
        if (!request.usesPrior()) {
            List<DiffusionOutput> outputs = SliceBatches.run(request.slices(), 1, z -> empty(request, z),
                    () -> zeros(request, 1), progress, cancel, (slices, sliceProgress) -> {
                        int z = slices.get(0);
                        long start = System.nanoTime();
                        MriReconstruction.Request slice = new MriReconstruction.Request(kspaces.get(z), masks.get(z),
                                maps == null ? null : maps.get(z), request.method().classical(), request.lambda(),
                                request.iterations(), request.seed());
                        float[] magnitude = MriReconstruction.run(slice, sliceProgress, cancel).magnitude();
                        return List.of(DiffusionOutput.pointEstimate(request.width(), request.height(), magnitude,
                                (System.nanoTime() - start) / 1e9));
                    });
            return new Result(outputs, null);
        }
        Denoiser opened = Priors.open(request.model());
        MriAdaptation.Adapted adapted = null;
        if (request.adaptSteps() > 0) {
            // One adaptation for all slices (a volume shares its anatomy), on the slices that hold data.
            List<Integer> held = new ArrayList<>();
            for (int z = 0; z < request.slices(); z++) {
                if (!empty(request, z)) {
                    held.add(z);
                }
            }
            if (!held.isEmpty()) {
                adapted = MriAdaptation.adapt(SliceBatches.pick(kspaces, held), SliceBatches.pick(masks, held),
                        maps == null ? null : SliceBatches.pick(maps, held), request.noiseSigma(), opened,
                        ScanAdaptation.Settings.defaults(request.adaptSteps()), request.diffusion(),
                        request.diffusion().seed(), progress, cancel);
            }
        }
        Denoiser prior = adapted == null ? opened : adapted.prior();
        if (request.auto()) {
            MriAuto.Result choice = MriAuto.run(kspaces, masks, maps, request.noiseSigma(), prior, request.diffusion(),
                    progress, cancel);
            return new Result(choice.outputs(), choice);
        }
        return new Result(SliceBatches.run(request.slices(), SliceBatches.SLICES, z -> empty(request, z),
                () -> zeros(request, request.diffusion().samples()), progress, cancel,
                (slices, batchProgress) -> MriDiffusion.runSlices(SliceBatches.pick(kspaces, slices),
                        SliceBatches.pick(masks, slices), maps == null ? null : SliceBatches.pick(maps, slices),
                        request.noiseSigma(), request.throughPlaneTv(), prior, request.diffusion(), batchProgress,
                        cancel)),
                null, adapted);
    }

    /** A slice of a volume whose k-space is all zero (outside the object): reconstructed as zeros, not run. */
    private static boolean empty(MriRequest request, int z) {
        return request.slices() > 1 && SliceBatches.allZero(request.kspaces().get(z).data());
    }

    private static DiffusionOutput zeros(MriRequest request, int samples) {
        return DiffusionOutput.of(request.width(), request.height(),
                new float[samples][request.width() * request.height()], 0, 0);
    }

    /** The coil maps of every slice: given, estimated by ESPIRiT from each slice's fully sampled centre, or null. */
    static List<CoilArray> sensitivities(MriRequest request) {
        if (!request.estimateSensitivities()) {
            return request.sensitivities();
        }
        List<CoilArray> maps = new ArrayList<>();
        for (int z = 0; z < request.slices(); z++) {
            // An empty slice of a volume is not reconstructed (its maps are never read) and has nothing to estimate.
            maps.add(empty(request, z) ? null
                    : Espirit.estimate(request.kspaces().get(z), request.masks().get(z), Espirit.Settings.defaults()));
        }
        return maps;
    }
}
