package org.diffprior.physics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Reads the raw little-endian float32 fixtures made by {@code scripts/ct_sr_fixtures.py}, and small
 * helpers shared by the CT and super-resolution tests.
 */
public final class CtSrFixtures {

    private CtSrFixtures() {
    }

    public static float[] load(String name, int expectedLength) {
        try (InputStream in = CtSrFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run scripts/ct_sr_fixtures.py");
            }
            byte[] bytes = in.readAllBytes();
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            if (values.length != expectedLength) {
                throw new IllegalStateException(
                        name + " holds " + values.length + " floats, expected " + expectedLength);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    public static float[] random(int length, long seed) {
        Random random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    public static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** ‖test − reference‖ / ‖reference‖. */
    public static double relativeError(float[] reference, float[] test) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = test[i] - reference[i];
            difference += d * d;
            norm += (double) reference[i] * reference[i];
        }
        return Math.sqrt(difference / norm);
    }

    /** Relative dot-product mismatch |⟨Ax, y⟩ − ⟨x, Aᵀy⟩| / (‖Ax‖‖y‖) for random x and y. */
    public static double adjointMismatch(LinearOperator operator, long seed) {
        float[] x = random(operator.inputSize(), seed);
        float[] y = random(operator.outputSize(), seed + 1);
        float[] ax = new float[operator.outputSize()];
        float[] aty = new float[operator.inputSize()];
        operator.apply(x, ax);
        operator.adjoint(y, aty);
        double left = dot(ax, y);
        double right = dot(x, aty);
        return Math.abs(left - right) / (Math.sqrt(dot(ax, ax)) * Math.sqrt(dot(y, y)));
    }
}
