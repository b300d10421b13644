package org.diffprior.physics;

import java.util.SplittableRandom;

/**
 * Photon-counting noise on CT line integrals: with I0 incident photons per ray, the detected count is
 * Poisson(I0·e^(−k·p)) for a line integral p (image units × pixel) and an attenuation k per unit image
 * value per pixel, and the noisy line integral is −ln(max(count, 1)/I0)/k, back in p's units.
 * Poisson variates are exact: multiplication of uniforms for small means, Hörmann's transformed
 * rejection (PTRS, 1993) for means of 10 and more.
 *
 * <pre>{@code
 * float[] noisy = TransmissionNoise.apply(sinogram, 1e5, 0.02, 42L);
 * }</pre>
 */
public final class TransmissionNoise {

    /** Attenuation of unit image value per pixel: water at 0.2 cm⁻¹ with 1 mm pixels. */
    public static final double DEFAULT_ATTENUATION_PER_PIXEL = 0.02;

    private TransmissionNoise() {
    }

    /** Noisy copy of {@code lineIntegrals}; deterministic for a given seed. */
    public static float[] apply(float[] lineIntegrals, double incidentPhotons, double attenuationPerPixel, long seed) {
        if (!(incidentPhotons > 0) || !(attenuationPerPixel > 0)) {
            throw new IllegalArgumentException("I0 and the attenuation must be positive");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] noisy = new float[lineIntegrals.length];
        for (int i = 0; i < noisy.length; i++) {
            double mean = incidentPhotons * Math.exp(-attenuationPerPixel * lineIntegrals[i]);
            long count = Math.max(1, poisson(mean, random));
            noisy[i] = (float) (-Math.log(count / incidentPhotons) / attenuationPerPixel);
        }
        return noisy;
    }

    /** One Poisson(mean) variate. */
    public static long poisson(double mean, SplittableRandom random) {
        if (mean < 10) {
            double limit = Math.exp(-mean);
            long k = 0;
            double product = random.nextDouble();
            while (product > limit) {
                k++;
                product *= random.nextDouble();
            }
            return k;
        }
        double rootMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * rootMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double acceptRegion = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= acceptRegion) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean
                    - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln k! exactly for small k, by Stirling's series (error below 1e-10) from 10 on. */
    static double logFactorial(long k) {
        if (k < 10) {
            double sum = 0;
            for (long i = 2; i <= k; i++) {
                sum += Math.log(i);
            }
            return sum;
        }
        double n = k;
        double inverse = 1 / n;
        double inverseSquared = inverse * inverse;
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n)
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared / 1260));
    }
}
