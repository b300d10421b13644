package org.diffprior.physics;

/**
 * A linear measurement operator A on flat float arrays.
 *
 * <p>Complex data are stored interleaved (re, im, re, im, ...). Every operator is treated as an
 * R-linear map between real vector spaces, so the adjoint is taken with respect to the real dot
 * product {@code sum(x[i] * y[i])}, which for interleaved complex data equals Re⟨x, y⟩. With this
 * convention conjugate gradient on {@link #normal} is correct for real and complex operators alike.
 *
 * <pre>{@code
 * LinearOperator a = new BoxDownsampling(64, 64, 2);
 * float[] y = new float[a.outputSize()];
 * a.apply(x, y);
 * }</pre>
 */
public interface LinearOperator {

    /** Number of floats in an input x. */
    int inputSize();

    /** Number of floats in an output y. */
    int outputSize();

    /** y = A x. Must not modify x; overwrites all of y. */
    void apply(float[] x, float[] y);

    /** x = Aᴴ y. Must not modify y; overwrites all of x. */
    void adjoint(float[] y, float[] x);

    /** out = AᴴA x, through a scratch measurement buffer. Implementations may override with a faster path. */
    default void normal(float[] x, float[] out) {
        float[] y = new float[outputSize()];
        apply(x, y);
        adjoint(y, out);
    }
}
