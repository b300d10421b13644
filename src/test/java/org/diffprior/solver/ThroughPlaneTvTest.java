package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * TV along the slice axis against its closed form: a constant column is kept, and a single jump between two flat
 * runs of n₁ and n₂ slices shrinks by λ/n₁ + λ/n₂ (each run moves by λ over its length) while it stays a jump.
 */
class ThroughPlaneTvTest {

    @Test
    void aConstantColumnIsKept() {
        float[] x = {0.7f, 0.7f, 0.7f, 0.7f};
        ThroughPlaneTv.denoiseAlongSlices(x, 4, 1, new double[] {1, 1, 1, 1}, 0.5);
        assertArrayEquals(new float[] {0.7f, 0.7f, 0.7f, 0.7f}, x, 1e-6f);
    }

    @Test
    void aJumpShrinksByLambdaOverEachRunsLength() {
        // Two columns (values per slice = 2): a jump of 1 after 3 slices, and one of 1 after 2 of 6.
        float[] x = new float[12];
        for (int s = 0; s < 6; s++) {
            x[2 * s] = s < 3 ? 0 : 1;
            x[2 * s + 1] = s < 2 ? 0 : 1;
        }
        ThroughPlaneTv.denoiseAlongSlices(x, 6, 2, new double[] {1, 1, 1, 1, 1, 1}, 0.3);
        for (int s = 0; s < 6; s++) {
            assertEquals(s < 3 ? 0.1 : 0.9, x[2 * s], 1e-4, "column 0, slice " + s);
            assertEquals(s < 2 ? 0.15 : 1 - 0.3 / 4, x[2 * s + 1], 1e-4, "column 1, slice " + s);
        }
    }

    @Test
    void slicesAreComparedInCommonUnits() {
        // Slice 1 is normalised by twice the scale of slice 0: the same tissue, so nothing to smooth.
        float[] x = {0.8f, 0.4f};
        ThroughPlaneTv.denoiseAlongSlices(x, 2, 1, new double[] {2.0 / 3, 4.0 / 3}, 0.5);
        assertArrayEquals(new float[] {0.8f, 0.4f}, x, 1e-6f);
    }

    @Test
    void theFinalCorrectionAndAZeroWeightAreTheInnerConsistencyAlone() {
        DataConsistency shift = (x0, measurement, alpha, sigma) -> x0[0] += 1;
        float[] x = {0, 1, 0, 1};
        new ThroughPlaneTv(shift, 4, 1, new double[] {1, 1, 1, 1}, 0.5).apply(x, null, 1, 0);
        assertArrayEquals(new float[] {1, 1, 0, 1}, x);
        float[] y = {0, 1, 0, 1};
        new ThroughPlaneTv(shift, 4, 1, new double[] {1, 1, 1, 1}, 0).apply(y, null, 0.5, 0.5);
        assertArrayEquals(new float[] {1, 1, 0, 1}, y);
        float[] z = {0, 1, 0, 1};
        new ThroughPlaneTv(shift, 4, 1, new double[] {1, 1, 1, 1}, 1).apply(z, null, 0.5, 0.5);
        assertEquals(3, z[0] + z[1] + z[2] + z[3], 1e-5, "TV keeps the column's mean");
        assertEquals(z[0], z[1], 1e-4, "and flattens it at this weight");
    }
}
