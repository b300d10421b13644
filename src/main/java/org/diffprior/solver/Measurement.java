package org.diffprior.solver;

import java.util.function.BiConsumer;

import org.diffprior.core.InvalidInputException;
import org.diffprior.physics.LinearOperator;

/**
 * Measurements y = A x + n with white noise of standard deviation {@code noiseStd} (0 = noiseless), and
 * optionally a cheap pseudo-inverse A⁺ (for DDNM projection and RED-diff's start). Immutable; an active
 * acquisition loop replaces it between steps through a {@link StepHook}.
 *
 * <pre>{@code
 * Measurement m = new Measurement(op, y, 0.01, null);
 * Measurement sr = new Measurement(box, y, 0, (lowRes, highRes) -> replicate(lowRes, highRes));
 * }</pre>
 *
 * @param operator A, mapping images ({@code channels·H·W} floats) to measurements
 * @param y the measured data, {@code operator.outputSize()} floats
 * @param noiseStd standard deviation of the white measurement noise, in the units of y
 * @param pseudoInverse writes A⁺ y (second argument, image sized) for a measurement-sized first argument; may be null
 */
public record Measurement(LinearOperator operator, float[] y, double noiseStd,
        BiConsumer<float[], float[]> pseudoInverse) {

    public Measurement {
        if (operator == null || y == null) {
            throw new InvalidInputException("a measurement needs an operator and data y");
        }
        if (y.length != operator.outputSize()) {
            throw new InvalidInputException("measurement data has " + y.length + " values but the operator produces "
                    + operator.outputSize() + "; pass data that match the operator");
        }
        if (!(noiseStd >= 0)) {
            throw new InvalidInputException("measurement noise std must be >= 0, got " + noiseStd);
        }
    }

    /** A noiseless measurement without pseudo-inverse. */
    public static Measurement of(LinearOperator operator, float[] y) {
        return new Measurement(operator, y, 0, null);
    }

    public boolean hasPseudoInverse() {
        return pseudoInverse != null;
    }

    /** The expected norm of the noise, σ√M: the residual a fit that stops at the noise level leaves. */
    public double noiseNorm() {
        return noiseStd * Math.sqrt(y.length);
    }

    /** ||A x − y||₂ (double accumulation). */
    public double residualNorm(float[] x) {
        float[] ax = new float[operator.outputSize()];
        operator.apply(x, ax);
        double s = 0;
        for (int i = 0; i < ax.length; i++) {
            double d = ax[i] - y[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Aᴴ y, the zero-filled / back-projected image. */
    public float[] adjointOfData() {
        float[] x = new float[operator.inputSize()];
        operator.adjoint(y, x);
        return x;
    }

    /** A⁺ y; requires a pseudo-inverse. */
    public float[] pseudoInverseOfData() {
        if (pseudoInverse == null) {
            throw new InvalidInputException("this measurement has no pseudo-inverse; use CG data consistency (DDS)");
        }
        float[] x = new float[operator.inputSize()];
        pseudoInverse.accept(y, x);
        return x;
    }
}
