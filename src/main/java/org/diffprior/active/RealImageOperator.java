package org.diffprior.active;

import org.diffprior.physics.LinearOperator;

/**
 * A complex-image operator restricted to real images, for priors of real (magnitude) images: x ↦ A(x + 0i),
 * with adjoint y ↦ Re(Aᴴ y), the adjoint for the real dot product on both sides.
 *
 * <pre>{@code
 * LinearOperator real = new RealImageOperator(new CartesianMri(h, w, mask));
 * real.apply(image, kspace);   // image: h·w floats
 * }</pre>
 */
public final class RealImageOperator implements LinearOperator {

    private final LinearOperator complex;

    /** @param complex an operator on complex interleaved images */
    public RealImageOperator(LinearOperator complex) {
        if (complex.inputSize() % 2 != 0) {
            throw new IllegalArgumentException("the wrapped operator must take complex interleaved images");
        }
        this.complex = complex;
    }

    @Override
    public int inputSize() {
        return complex.inputSize() / 2;
    }

    @Override
    public int outputSize() {
        return complex.outputSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        complex.apply(toComplex(x), y);
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        float[] z = new float[complex.inputSize()];
        complex.adjoint(y, z);
        for (int i = 0; i < x.length; i++) {
            x[i] = z[2 * i];
        }
    }

    /** Interleaved complex copy of a real image (imaginary parts 0). */
    static float[] toComplex(float[] real) {
        float[] z = new float[2 * real.length];
        for (int i = 0; i < real.length; i++) {
            z[2 * i] = real[i];
        }
        return z;
    }
}
