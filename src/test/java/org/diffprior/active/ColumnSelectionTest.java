package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ColumnSelectionTest {

    private static final int ROWS = 6;
    private static final int COLUMNS = 9;

    /** Particles that agree everywhere except for random differences in the given columns, scaled. */
    private static float[][] particles(int count, int coils, int[] columns, double[] spread) {
        Random random = new Random(7);
        float[] common = new float[2 * coils * ROWS * COLUMNS];
        for (int i = 0; i < common.length; i++) {
            common[i] = (float) random.nextGaussian();
        }
        float[][] result = new float[count][];
        for (int p = 0; p < count; p++) {
            result[p] = common.clone();
            for (int k = 0; k < columns.length; k++) {
                for (int c = 0; c < coils; c++) {
                    for (int y = 0; y < ROWS; y++) {
                        int i = 2 * ((c * ROWS + y) * COLUMNS + columns[k]);
                        result[p][i] += (float) (spread[k] * random.nextGaussian());
                        result[p][i + 1] += (float) (spread[k] * random.nextGaussian());
                    }
                }
            }
        }
        return result;
    }

    @Test
    void bothRulesPickTheColumnWhereParticlesDisagreeMost() {
        float[][] p = particles(8, 2, new int[] {2, 6}, new double[] {0.5, 3.0});
        for (ColumnSelection.Rule rule : ColumnSelection.Rule.values()) {
            double[] scores = ColumnSelection.scores(p, 2, ROWS, COLUMNS, rule, 1.0);
            assertArrayEquals(new int[] {6, 2}, ColumnSelection.best(scores, new boolean[COLUMNS], 2), rule.name());
            assertEquals(0.0, scores[0], 1e-9, "agreeing particles carry no information");
        }
    }

    @Test
    void acquiredColumnsAreNeverPickedAgain() {
        float[][] p = particles(4, 1, new int[] {6}, new double[] {3.0});
        double[] scores = ColumnSelection.scores(p, 1, ROWS, COLUMNS, ColumnSelection.Rule.ENTROPY, 1.0);
        boolean[] acquired = new boolean[COLUMNS];
        acquired[6] = true;
        int[] picked = ColumnSelection.best(scores, acquired, COLUMNS);
        assertEquals(COLUMNS - 1, picked.length);
        for (int column : picked) {
            assertTrue(column != 6);
        }
        // All remaining scores are equal (zero): ties go to the centre first.
        assertEquals(COLUMNS / 2, picked[0]);
    }

    @Test
    void entropyIsFiniteAndBoundedByLogOfParticleCountForHugeSpread() {
        float[][] p = particles(16, 1, new int[] {3}, new double[] {1e15});
        double[] scores = ColumnSelection.scores(p, 1, ROWS, COLUMNS, ColumnSelection.Rule.ENTROPY, 1e-3);
        assertTrue(Double.isFinite(scores[3]));
        assertEquals(Math.log(16), scores[3], 1e-9, "well separated components: entropy estimate saturates at log P");
    }

    @Test
    void entropyOfTwoComponentsMatchesClosedForm() {
        // Two particles at distance² d in one column: H = −log((1 + exp(−d / 2σ²)) / 2).
        float[][] p = new float[2][2 * ROWS * COLUMNS];
        p[1][2 * (0 * COLUMNS + 4)] = 1.5f; // d = 2.25 in column 4
        double sigma = 0.8;
        double[] scores = ColumnSelection.scores(p, 1, ROWS, COLUMNS, ColumnSelection.Rule.ENTROPY, sigma);
        double expected = -Math.log((1 + Math.exp(-2.25 / (2 * sigma * sigma))) / 2);
        assertEquals(expected, scores[4], 1e-12);
    }
}
