package org.diffprior.physics;

/**
 * Interpolation kernels of MATLAB's {@code imresize}: Keys' cubic convolution with a = −0.5 (support 4)
 * and Lanczos with three lobes, sinc(x)·sinc(x/3) (support 6).
 *
 * <pre>{@code
 * double w = ResizeKernel.CUBIC.value(0.5);   // 0.5625
 * }</pre>
 */
public enum ResizeKernel {
    CUBIC(4.0) {
        @Override
        public double value(double x) {
            double a = -0.5;
            double ax = Math.abs(x);
            if (ax <= 1) {
                return (a + 2) * ax * ax * ax - (a + 3) * ax * ax + 1;
            }
            if (ax < 2) {
                return a * ax * ax * ax - 5 * a * ax * ax + 8 * a * ax - 4 * a;
            }
            return 0;
        }
    },
    LANCZOS3(6.0) {
        @Override
        public double value(double x) {
            if (Math.abs(x) >= 3) {
                return 0;
            }
            return sinc(x) * sinc(x / 3);
        }
    };

    private final double support;

    ResizeKernel(double support) {
        this.support = support;
    }

    /** Width of the kernel's support in input samples (at scale 1). */
    public double support() {
        return support;
    }

    /** Kernel value at distance x (in input samples). */
    public abstract double value(double x);

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
