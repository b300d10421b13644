package org.diffprior.physics;

import java.util.stream.IntStream;

/**
 * Multi-coil Cartesian MRI (SENSE model): y_c = M ⊙ F(S_c ⊙ x), c = 0..C−1, with the centred orthonormal
 * DFT F, a real H×W mask M shared by all coils and complex sensitivity maps S_c. The image x is complex H×W;
 * y holds C complex H×W k-spaces one after another (coil-major, each row-major and interleaved), the
 * in-memory form of BART's H×W×1×C array (see {@link CoilArray}). Coils are transformed in parallel.
 * With Σ_c |S_c|² ≤ 1 (ESPIRiT or {@link CoilSensitivities#simulate}) and a 0/1 mask, ||A|| ≤ 1.
 *
 * <pre>{@code
 * LinearOperator a = new MultiCoilCartesianMri(256, 256, mask, maps.data(), maps.coils());
 * float[] kspace = new float[a.outputSize()];
 * a.apply(image, kspace);
 * }</pre>
 */
public final class MultiCoilCartesianMri implements LinearOperator, RowHybridForm {

    private final int height;
    private final int width;
    private final int coils;
    private final float[] mask;
    private final float[] sensitivities;
    /** M² per column for a 1-D mask (see {@link CartesianMri#normal}), else null. */
    private final float[] columnWeights;
    /** M², applied once in the normal operator of a 2-D mask. */
    private final float[] squaredMask;
    private final CenteredFft2 fft;
    /** Per calling thread: the C coil images of one adjoint or normal (the coil workers write disjoint parts). */
    private final ThreadLocal<float[]> coilBuffer;

    /**
     * @param mask H·W real weights, row-major
     * @param sensitivities C complex H×W maps, coil-major, interleaved
     */
    public MultiCoilCartesianMri(int height, int width, float[] mask, float[] sensitivities, int coils) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, expected " + height + "x" + width);
        }
        if (coils <= 0 || sensitivities.length != 2 * coils * height * width) {
            throw new IllegalArgumentException("sensitivities hold " + sensitivities.length + " floats, expected "
                    + coils + " coils of " + height + "x" + width + " complex");
        }
        this.height = height;
        this.width = width;
        this.coils = coils;
        this.mask = mask.clone();
        this.sensitivities = sensitivities.clone();
        this.columnWeights = CartesianMri.squaredColumnWeights(mask, height, width);
        this.squaredMask = CartesianMri.squared(mask);
        this.fft = new CenteredFft2(height, width);
        this.coilBuffer = ThreadLocal.withInitial(() -> new float[2 * coils * height * width]);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int coils() {
        return coils;
    }

    @Override
    public int inputSize() {
        return 2 * height * width;
    }

    @Override
    public int outputSize() {
        return 2 * coils * height * width;
    }

    @Override
    public void apply(float[] x, float[] y) {
        int n = height * width;
        IntStream.range(0, coils).parallel().forEach(c -> {
            int base = 2 * c * n;
            weight(x, y, base);
            fft.forward(y, base);
            CartesianMri.applyMask(mask, y, base);
        });
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        int n = height * width;
        float[] coilImages = coilBuffer.get();
        IntStream.range(0, coils).parallel().forEach(c -> {
            int base = 2 * c * n;
            System.arraycopy(y, base, coilImages, base, 2 * n);
            CartesianMri.applyMask(mask, coilImages, base);
            fft.inverse(coilImages, base);
        });
        combine(coilImages, x);
    }

    /**
     * AᴴA x without materialising the k-space: per coil S_c x → F → M² → Fᴴ, then Σ conj(S_c) ·, in one pass
     * over a per-thread buffer (no allocation per call; the coil sum keeps its fixed order).
     */
    @Override
    public void normal(float[] x, float[] out) {
        int n = height * width;
        float[] coilImages = coilBuffer.get();
        IntStream.range(0, coils).parallel().forEach(c -> {
            int base = 2 * c * n;
            weight(x, coilImages, base);
            // M², as apply-then-adjoint gives for weighted masks too; a 1-D mask needs only the rows transformed.
            CartesianMri.maskedProjection(fft, columnWeights, squaredMask, coilImages, base);
        });
        combine(coilImages, out);
    }

    @Override
    public Hybrid rowHybrid() {
        if (columnWeights == null) {
            return null;
        }
        float[] columnMask = java.util.Arrays.copyOf(mask, width);
        int n = height * width;
        LinearOperator hybrid = new LinearOperator() {
            @Override
            public int inputSize() {
                return MultiCoilCartesianMri.this.inputSize();
            }

            @Override
            public int outputSize() {
                return MultiCoilCartesianMri.this.outputSize();
            }

            @Override
            public void apply(float[] x, float[] y) {
                IntStream.range(0, coils).parallel().forEach(c -> {
                    int base = 2 * c * n;
                    weight(x, y, base);
                    fft.forwardRows(y, base);
                    CartesianMri.applyColumnWeights(columnMask, y, base, height);
                });
            }

            @Override
            public void adjoint(float[] y, float[] x) {
                float[] coilImages = coilBuffer.get();
                IntStream.range(0, coils).parallel().forEach(c -> {
                    int base = 2 * c * n;
                    System.arraycopy(y, base, coilImages, base, 2 * n);
                    CartesianMri.applyColumnWeights(columnMask, coilImages, base, height);
                    fft.inverseRows(coilImages, base);
                });
                combine(coilImages, x);
            }

            @Override
            public void normal(float[] x, float[] out) {
                MultiCoilCartesianMri.this.normal(x, out);
            }
        };
        return new Hybrid(hybrid, k -> {
            float[] h = k.clone();
            IntStream.range(0, coils).parallel().forEach(c -> {
                fft.inverse(h, 2 * c * n);
                fft.forwardRows(h, 2 * c * n);
            });
            return h;
        });
    }

    /** Coil c's image S_c ⊙ x into {@code out} at {@code base}. */
    private void weight(float[] x, float[] out, int base) {
        int n = height * width;
        for (int i = 0; i < n; i++) {
            float sr = sensitivities[base + 2 * i];
            float si = sensitivities[base + 2 * i + 1];
            float xr = x[2 * i];
            float xi = x[2 * i + 1];
            out[base + 2 * i] = sr * xr - si * xi;
            out[base + 2 * i + 1] = sr * xi + si * xr;
        }
    }

    /**
     * x = Σ_c conj(S_c) ⊙ u_c, summed in a fixed coil order per pixel so the result does not depend on thread
     * scheduling; blocks of rows in parallel (single-threaded, this sum was a tenth of an 8-coil solve).
     */
    private void combine(float[] coilImages, float[] x) {
        int n = height * width;
        int blocks = Math.min(height, 16);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * height / blocks * width;
            int to = (b + 1) * height / blocks * width;
            java.util.Arrays.fill(x, 2 * from, 2 * to, 0f);
            for (int c = 0; c < coils; c++) {
                int base = 2 * c * n;
                for (int i = from; i < to; i++) {
                    float sr = sensitivities[base + 2 * i];
                    float si = sensitivities[base + 2 * i + 1];
                    float ur = coilImages[base + 2 * i];
                    float ui = coilImages[base + 2 * i + 1];
                    x[2 * i] += sr * ur + si * ui;
                    x[2 * i + 1] += sr * ui - si * ur;
                }
            }
        });
    }
}
