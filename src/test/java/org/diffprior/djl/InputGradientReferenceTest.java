package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * oneDNN has given wrong input gradients for some channel counts at the default (AVX-512) ISA. The
 * networks' input gradients (what posterior samplers such as DPS use) must equal a reference that
 * takes no oneDNN kernel at all: the same network in double precision, which libtorch runs with its
 * own convolutions. (The reference used to be a child JVM limited to SSE4.1; on some CI machines that
 * child returned NaN for every gradient of the 2-channel network, twice in a row, so it could not
 * serve as a reference.)
 */
class InputGradientReferenceTest {

    @Test
    void singlePrecisionInputGradientsMatchDoublePrecision() {
        double[] here = InputGradients.compute(DataType.FLOAT32);
        double[] reference = InputGradients.compute(DataType.FLOAT64);
        assertEquals(0, nonFinite(reference), "non-finite values in the double-precision reference");
        assertEquals(0, nonFinite(here), "non-finite input gradients in single precision");
        assertEquals(reference.length, here.length);
        double maxError = 0;
        double maxValue = 0;
        for (int i = 0; i < here.length; i++) {
            maxError = Math.max(maxError, Math.abs(here[i] - reference[i]));
            maxValue = Math.max(maxValue, Math.abs(reference[i]));
        }
        assertTrue(maxValue > 0, "the reference gradients are all zero");
        System.out.printf("InputGradientReferenceTest: relative input-gradient error %.2e%n", maxError / maxValue);
        assertTrue(maxError / maxValue < 1e-3, "relative input-gradient error " + maxError / maxValue);
    }

    private static int nonFinite(double[] values) {
        int count = 0;
        for (double v : values) {
            count += Double.isFinite(v) ? 0 : 1;
        }
        return count;
    }
}
