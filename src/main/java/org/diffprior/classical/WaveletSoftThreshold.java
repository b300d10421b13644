package org.diffprior.classical;

import java.util.Random;

import org.diffprior.physics.Daubechies4Wavelet;
import org.diffprior.solver.Fista;

/**
 * Proximal step of λ‖Ψx‖₁ for the orthogonal D4 wavelet Ψ ({@link Daubechies4Wavelet}) on complex images:
 * complex soft-thresholding of the detail coefficients (the coarsest approximation band is not penalised,
 * as in BART). With cycle spinning on, every call first shifts the image circularly by a random offset in
 * [0, 2^L) per axis and shifts back afterwards, which removes the blocking of a fixed wavelet grid (BART's
 * default random wavelet shifts); the offsets come from a seeded generator, so results are reproducible.
 *
 * <pre>{@code
 * WaveletSoftThreshold prox = new WaveletSoftThreshold(256, 256, 4, lambda, true, 1);
 * new Fista(a, prox).lipschitz(1).iterations(100).solve(y, x);
 * }</pre>
 */
public final class WaveletSoftThreshold implements Fista.Proximal {

    private final int height;
    private final int width;
    private final double lambda;
    private final boolean cycleSpinning;
    private final Random random;
    private final Daubechies4Wavelet wavelet;
    private final float[] shifted;
    private final float[] coefficients;

    public WaveletSoftThreshold(int height, int width, int levels, double lambda, boolean cycleSpinning, long seed) {
        this.height = height;
        this.width = width;
        this.lambda = lambda;
        this.cycleSpinning = cycleSpinning;
        this.random = new Random(seed);
        this.wavelet = new Daubechies4Wavelet(height, width, levels);
        this.shifted = new float[2 * height * width];
        this.coefficients = new float[2 * height * width];
    }

    @Override
    public void apply(float[] x, double step) {
        int period = 1 << wavelet.levels();
        int shiftY = cycleSpinning ? random.nextInt(period) : 0;
        int shiftX = cycleSpinning ? random.nextInt(period) : 0;
        roll(x, shifted, shiftY, shiftX);
        wavelet.forward(shifted, coefficients);
        double threshold = lambda * step;
        int coarseHeight = wavelet.coarseHeight();
        int coarseWidth = wavelet.coarseWidth();
        for (int y = 0; y < height; y++) {
            for (int xx = 0; xx < width; xx++) {
                if (y < coarseHeight && xx < coarseWidth) {
                    continue;
                }
                int i = 2 * (y * width + xx);
                // sqrt of the double sum of squares of floats cannot overflow, and is several times faster than hypot.
                double re = coefficients[i];
                double im = coefficients[i + 1];
                double magnitude = Math.sqrt(re * re + im * im);
                double keep = magnitude > threshold ? (magnitude - threshold) / magnitude : 0;
                coefficients[i] *= (float) keep;
                coefficients[i + 1] *= (float) keep;
            }
        }
        wavelet.inverse(coefficients, shifted);
        roll(shifted, x, -shiftY, -shiftX);
    }

    private void roll(float[] in, float[] out, int shiftY, int shiftX) {
        int sx = Math.floorMod(shiftX, width);
        for (int y = 0; y < height; y++) {
            int src = 2 * y * width;
            int dst = 2 * Math.floorMod(y + shiftY, height) * width;
            // Columns [0, W−sx) move to [sx, W), columns [W−sx, W) wrap to [0, sx).
            System.arraycopy(in, src, out, dst + 2 * sx, 2 * (width - sx));
            System.arraycopy(in, src + 2 * (width - sx), out, dst, 2 * sx);
        }
    }
}
