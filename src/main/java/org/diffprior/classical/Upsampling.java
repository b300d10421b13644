package org.diffprior.classical;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Stacks;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.ResizeKernel;
import org.diffprior.physics.SeparableResize;
import org.diffprior.solver.ConjugateGradient;

/**
 * Classical super-resolution by interpolation: MATLAB-style {@code imresize(x, s)} with the bicubic
 * (Keys a = −0.5) or Lanczos-3 kernel, output exactly s times the input size. Optionally followed by
 * a projection onto the images consistent with the measurement, {x : A x = y} for the box or bicubic
 * degradation A, which keeps the interpolated detail but makes the result explain the input exactly.
 *
 * <pre>{@code
 * FloatImage hr = Upsampling.upsample(lr, 4, ResizeKernel.LANCZOS3);
 * }</pre>
 */
public final class Upsampling {

    private Upsampling() {
    }

    /** Interpolates every plane of {@code lowRes} by the integer {@code scale}. */
    public static FloatImage upsample(FloatImage lowRes, int scale, ResizeKernel kernel) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        int width = lowRes.width() * scale;
        int height = lowRes.height() * scale;
        SeparableResize resize = new SeparableResize(lowRes.width(), lowRes.height(), width, height, kernel);
        return Stacks.planeByPlane(lowRes.slices(), width, height, z -> {
            float[] plane = new float[width * height];
            resize.apply(lowRes.slice(z), plane);
            return plane;
        });
    }

    /**
     * Returns the image closest to {@code highRes} (in the least-squares sense) with A x = y:
     * x + Aᵀ (A Aᵀ)⁻¹ (y − A x), solved by conjugate gradient on A Aᵀ (exact in one step for box).
     */
    public static float[] enforceConsistency(float[] highRes, float[] lowRes, LinearOperator degradation) {
        float[] predicted = new float[degradation.outputSize()];
        degradation.apply(highRes, predicted);
        float[] residual = new float[predicted.length];
        for (int i = 0; i < residual.length; i++) {
            residual[i] = lowRes[i] - predicted[i];
        }
        float[] correction = new float[highRes.length];
        if (degradation instanceof BoxDownsampling box) {
            box.pseudoInverse(residual, correction);
        } else {
            float[] scratch = new float[highRes.length];
            float[] multiplier = new float[residual.length];
            ConjugateGradient.solve((in, out) -> {
                degradation.adjoint(in, scratch);
                degradation.apply(scratch, out);
            }, residual, multiplier, 100, 1e-6);
            degradation.adjoint(multiplier, correction);
        }
        float[] result = highRes.clone();
        for (int i = 0; i < result.length; i++) {
            result[i] += correction[i];
        }
        return result;
    }
}
