package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class GaussianFilterTest {

    /** scipy.ndimage.gaussian_filter(img, 1.3, mode="reflect", truncate=4), printed by scripts/reference/gaussian_filter_reference.py. */
    private static final float[] SCIPY = {
            0.566146923f, 0.564615143f, 0.534063443f, 0.493520137f, 0.469650326f, 0.446664723f, 0.425339304f,
            0.566344426f, 0.567615278f, 0.544896648f, 0.501802251f, 0.464572194f, 0.436336599f, 0.418432604f,
            0.538808685f, 0.543961193f, 0.542261396f, 0.519651463f, 0.484636596f, 0.448512387f, 0.422168280f,
            0.491014809f, 0.502365333f, 0.525712935f, 0.538342687f, 0.522996586f, 0.481334825f, 0.438232825f,
            0.463565167f, 0.482359281f, 0.510037446f, 0.533108527f, 0.538304292f, 0.509443504f, 0.463181782f,
            0.457749432f, 0.484059991f, 0.500784145f, 0.509688296f, 0.527819143f, 0.526318178f, 0.493580816f,
    };

    @Test
    void matchesScipyGaussianFilterWithReflectedBorders() {
        float[] image = new float[6 * 7];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 7; x++) {
                image[y * 7 + x] = (float) (((3 * y + 5 * x) % 7) / 7.0 + (x == y ? 0.5 : 0.0));
            }
        }
        assertArrayEquals(SCIPY, GaussianFilter.apply(image, 6, 7, 1.3), 1e-6f);
    }
}
