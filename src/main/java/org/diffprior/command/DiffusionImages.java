package org.diffprior.command;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

import org.diffprior.task.DiffusionOutput;

/**
 * What the reconstruction commands publish from a diffusion run, decided in one place: the posterior mean, its
 * standard deviation only when two or more samples make it meaningful, and the samples stack only when kept.
 *
 * <pre>{@code
 * DiffusionImages images = DiffusionImages.of(out, keep_samples);
 * reconstruction = images.mean(); std = images.std(); samples_stack = images.samples();
 * }</pre>
 */
record DiffusionImages(Img<FloatType> mean, Img<FloatType> std, Img<FloatType> samples) {

    static DiffusionImages of(DiffusionOutput out, boolean keepSamples) {
        int width = out.width();
        int height = out.height();
        return new DiffusionImages(Planes.out(width, height, out.mean()),
                out.samples().length >= 2 ? Planes.out(width, height, out.std()) : null,
                keepSamples ? Planes.stack(width, height, out.samples()) : null);
    }

    /** The log line of a run, e.g. {@code CT diffusion, 30 step(s), 2 sample(s) in 4.1 s}. */
    static String summary(String what, int steps, DiffusionOutput out) {
        return String.format("%s, %d step(s), %d sample(s) in %.1f s", what, steps, out.samples().length,
                out.seconds());
    }
}
