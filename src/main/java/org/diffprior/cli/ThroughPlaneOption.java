package org.diffprior.cli;

import org.diffprior.task.PriorRequestBuilder;
import org.diffprior.task.SliceBatches;

import picocli.CommandLine.Option;

/**
 * {@code --through-plane-tv} of the volume reconstructions, ct and mri (picocli mixin): one declaration, so both
 * commands document and default it alike.
 *
 * <pre>{@code
 * @Mixin ThroughPlaneOption throughPlane;
 * builder.throughPlaneTv(throughPlane.weight);
 * }</pre>
 */
final class ThroughPlaneOption {

    @Option(names = "--through-plane-tv", defaultValue = "" + PriorRequestBuilder.DEFAULT_THROUGH_PLANE_TV,
            description = "diffusion of a volume: weight of TV along the slice axis after each step's data "
                    + "consistency (adjacent slices, sampled " + SliceBatches.SLICES
                    + " at a time, in units of a normalised image; it fades "
                    + "with the noise level), e.g. 0.05; 0 reconstructs every slice on its own (default: ${DEFAULT-VALUE})")
    double weight;
}
