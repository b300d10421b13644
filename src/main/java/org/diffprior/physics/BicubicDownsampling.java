package org.diffprior.physics;

/**
 * The {@code bicubic} super-resolution degradation (DESIGN.md §3): MATLAB {@code imresize(x, 1/s)} with
 * Keys' cubic kernel (a = −0.5) widened by s for anti-aliasing, symmetric boundary, from a W×H image
 * to (W/s)×(H/s); W and H must be multiples of s. The adjoint is the exact transpose.
 *
 * <pre>{@code
 * LinearOperator degrade = new BicubicDownsampling(256, 256, 4);
 * float[] lowRes = new float[degrade.outputSize()];
 * degrade.apply(highRes, lowRes);
 * }</pre>
 */
public final class BicubicDownsampling implements LinearOperator {

    private final SeparableResize resize;

    public BicubicDownsampling(int highResWidth, int highResHeight, int scale) {
        BoxDownsampling.checkDivisible(highResWidth, highResHeight, scale);
        this.resize = new SeparableResize(highResWidth, highResHeight, highResWidth / scale, highResHeight / scale,
                ResizeKernel.CUBIC);
    }

    @Override
    public int inputSize() {
        return resize.inputSize();
    }

    @Override
    public int outputSize() {
        return resize.outputSize();
    }

    @Override
    public void apply(float[] x, float[] y) {
        resize.apply(x, y);
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        resize.adjoint(y, x);
    }
}
