package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxDownsamplingTest {

    @Test
    void adjointPassesTheDotProductTest() {
        for (int scale : new int[] {1, 2, 3, 4}) {
            BoxDownsampling box = new BoxDownsampling(12 * scale, 5 * scale, scale);
            double mismatch = CtSrFixtures.adjointMismatch(box, scale);
            assertTrue(mismatch < 1e-6, "scale " + scale + ": " + mismatch);
        }
    }

    @Test
    void pseudoInverseIsARightInverse() {
        BoxDownsampling box = new BoxDownsampling(20, 12, 4);
        float[] lowRes = CtSrFixtures.random(box.outputSize(), 3);
        float[] replicated = new float[box.inputSize()];
        box.pseudoInverse(lowRes, replicated);
        float[] back = new float[box.outputSize()];
        box.apply(replicated, back);
        assertArrayEquals(lowRes, back, 1e-6f);
    }

    @Test
    void eachLowResolutionPixelIsTheMeanOfItsBlock() {
        // 4×2 image, scale 2: blocks {1, 2, 5, 6} and {3, 4, 7, 8}.
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] lowRes = new float[2];
        new BoxDownsampling(4, 2, 2).apply(image, lowRes);
        assertEquals(3.5f, lowRes[0], 1e-6f);
        assertEquals(5.5f, lowRes[1], 1e-6f);
    }

    @Test
    void rejectsSizesThatAreNotMultiplesOfTheScale() {
        assertThrows(IllegalArgumentException.class, () -> new BoxDownsampling(10, 9, 2));
    }
}
