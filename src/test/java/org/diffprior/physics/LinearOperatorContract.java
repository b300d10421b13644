package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Contract every {@link LinearOperator} must meet: adjointness under the real dot product (DESIGN.md §7,
 * relative error below 1e-4 in float), linearity, inputs left untouched, outputs fully overwritten, and
 * {@code normal} equal to adjoint(apply). Subclass it once per operator and implement {@link #operator()}.
 */
public abstract class LinearOperatorContract {

    /** A fresh operator under test; small sizes keep the contract fast. */
    protected abstract LinearOperator operator();

    /** Tolerance of the adjoint dot-product test. */
    protected double adjointTolerance() {
        return 1e-4;
    }

    protected static float[] randomVector(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    protected static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void adjointMatchesForwardWithinTolerance() {
        LinearOperator a = operator();
        for (long seed = 1; seed <= 3; seed++) {
            float[] x = randomVector(a.inputSize(), seed);
            float[] y = randomVector(a.outputSize(), 100 + seed);
            float[] ax = new float[a.outputSize()];
            float[] aty = new float[a.inputSize()];
            a.apply(x, ax);
            a.adjoint(y, aty);
            double lhs = dot(ax, y);
            double rhs = dot(x, aty);
            double scale = Math.sqrt(dot(ax, ax) * dot(y, y));
            assertTrue(scale > 0, "operator maps a random vector to zero");
            assertEquals(lhs, rhs, adjointTolerance() * scale, "<Ax,y> = " + lhs + " but <x,Aᴴy> = " + rhs);
        }
    }

    @Test
    void applyIsLinear() {
        LinearOperator a = operator();
        float[] x = randomVector(a.inputSize(), 7);
        float[] z = randomVector(a.inputSize(), 8);
        float alpha = 1.5f;
        float beta = -0.25f;
        float[] combination = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            combination[i] = alpha * x[i] + beta * z[i];
        }
        float[] ax = new float[a.outputSize()];
        float[] az = new float[a.outputSize()];
        float[] ac = new float[a.outputSize()];
        a.apply(x, ax);
        a.apply(z, az);
        a.apply(combination, ac);
        double norm = Math.sqrt(dot(ac, ac));
        double error = 0;
        for (int i = 0; i < ac.length; i++) {
            double d = ac[i] - (alpha * ax[i] + beta * az[i]);
            error += d * d;
        }
        assertTrue(Math.sqrt(error) <= 1e-5 * norm + 1e-6, "A(αx+βz) differs from αAx+βAz by " + Math.sqrt(error));
    }

    @Test
    void leavesInputsUntouchedAndOverwritesOutputs() {
        LinearOperator a = operator();
        float[] x = randomVector(a.inputSize(), 11);
        float[] xCopy = x.clone();
        float[] y = new float[a.outputSize()];
        Arrays.fill(y, Float.NaN);
        a.apply(x, y);
        assertArrayEquals(xCopy, x, "apply modified its input");
        assertFalse(containsNaN(y), "apply left entries of y unwritten");
        float[] yCopy = y.clone();
        float[] back = new float[a.inputSize()];
        Arrays.fill(back, Float.NaN);
        a.adjoint(y, back);
        assertArrayEquals(yCopy, y, "adjoint modified its input");
        assertFalse(containsNaN(back), "adjoint left entries of x unwritten");
    }

    @Test
    void normalEqualsAdjointOfApply() {
        LinearOperator a = operator();
        float[] x = randomVector(a.inputSize(), 13);
        float[] y = new float[a.outputSize()];
        float[] expected = new float[a.inputSize()];
        a.apply(x, y);
        a.adjoint(y, expected);
        float[] actual = new float[a.inputSize()];
        a.normal(x, actual);
        double norm = Math.sqrt(dot(expected, expected));
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            error += (expected[i] - actual[i]) * (double) (expected[i] - actual[i]);
        }
        assertTrue(Math.sqrt(error) <= 1e-5 * norm, "normal(x) differs from Aᴴ(Ax) by " + Math.sqrt(error));
    }

    private static boolean containsNaN(float[] v) {
        for (float f : v) {
            if (Float.isNaN(f)) {
                return true;
            }
        }
        return false;
    }
}
