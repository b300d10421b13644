package org.diffprior.task;

import java.util.List;

import org.diffprior.core.SampleStatistics;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Stacks;

/**
 * The posterior output of a reconstruction of one plane, in the input's units: the posterior mean (magnitude for
 * MRI), the per-pixel standard deviation across samples (zeros for one sample) and the samples themselves, all
 * H×W row-major. A classical reconstruction is a {@link #pointEstimate point estimate}: one sample, no spread.
 * The stacks of a multi-plane input are made here, so every command writes the same planes in the same order.
 *
 * <pre>{@code
 * List<DiffusionOutput> planes = CtDiffusion.runSlices(sinograms, angles, n, prior, settings, progress, cancel);
 * Tiffs.write(DiffusionOutput.meanStack(planes), out);  // and stdStack, samplesStack
 * }</pre>
 */
public record DiffusionOutput(int width, int height, float[] mean, float[] std, float[][] samples,
        int networkEvaluations, double seconds) {

    /** The output of real samples: their pixel-wise mean and (population) standard deviation. */
    public static DiffusionOutput of(int width, int height, float[][] samples, int networkEvaluations, double seconds) {
        return new DiffusionOutput(width, height, SampleStatistics.mean(samples), SampleStatistics.std(samples),
                samples,
                networkEvaluations, seconds);
    }

    /** A single estimate (a classical reconstruction) as an output of one sample with no spread. */
    public static DiffusionOutput pointEstimate(int width, int height, float[] image, double seconds) {
        return new DiffusionOutput(width, height, image, new float[image.length], new float[][] {image}, 0, seconds);
    }

    /** The means of the planes as a width × height × planes stack. */
    public static FloatImage meanStack(List<DiffusionOutput> planes) {
        DiffusionOutput first = planes.get(0);
        return Stacks.planeByPlane(planes.size(), first.width(), first.height(), z -> planes.get(z).mean());
    }

    /** The standard deviations of the planes as a width × height × planes stack. */
    public static FloatImage stdStack(List<DiffusionOutput> planes) {
        DiffusionOutput first = planes.get(0);
        return Stacks.planeByPlane(planes.size(), first.width(), first.height(), z -> planes.get(z).std());
    }

    /** Every sample of every plane, the K samples of plane 0 first: a width × height × (planes·K) stack. */
    public static FloatImage samplesStack(List<DiffusionOutput> planes) {
        DiffusionOutput first = planes.get(0);
        int k = first.samples().length;
        return Stacks.planeByPlane(planes.size() * k, first.width(), first.height(),
                i -> planes.get(i / k).samples()[i % k]);
    }
}
