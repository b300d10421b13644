package org.diffprior.physics;

/**
 * MATLAB-style {@code imresize} of a real W×H image to W'×H' as a linear operator Y = R_rows · X · R_colsᵀ,
 * built from {@link ResamplingWeights} along each axis; the adjoint applies the transposed matrices,
 * so it is exact. Used for bicubic downsampling (anti-aliased) and for bicubic or Lanczos upsampling.
 *
 * <pre>{@code
 * SeparableResize up = new SeparableResize(64, 64, 256, 256, ResizeKernel.LANCZOS3);
 * float[] hr = new float[up.outputSize()];
 * up.apply(lr, hr);
 * }</pre>
 */
public final class SeparableResize implements LinearOperator {

    private final int inputWidth;
    private final int inputHeight;
    private final int outputWidth;
    private final int outputHeight;
    private final ResamplingWeights alongColumns;
    private final ResamplingWeights alongRows;

    public SeparableResize(int inputWidth, int inputHeight, int outputWidth, int outputHeight, ResizeKernel kernel) {
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.outputWidth = outputWidth;
        this.outputHeight = outputHeight;
        this.alongColumns = new ResamplingWeights(inputWidth, outputWidth, kernel);
        this.alongRows = new ResamplingWeights(inputHeight, outputHeight, kernel);
    }

    @Override
    public int inputSize() {
        return inputWidth * inputHeight;
    }

    @Override
    public int outputSize() {
        return outputWidth * outputHeight;
    }

    @Override
    public void apply(float[] x, float[] y) {
        // Resize each row to the new width, then each column to the new height.
        float[] wide = new float[outputWidth * inputHeight];
        for (int row = 0; row < inputHeight; row++) {
            alongColumns.apply(x, row * inputWidth, 1, wide, row * outputWidth, 1);
        }
        for (int col = 0; col < outputWidth; col++) {
            alongRows.apply(wide, col, outputWidth, y, col, outputWidth);
        }
    }

    @Override
    public void adjoint(float[] y, float[] x) {
        float[] wide = new float[outputWidth * inputHeight];
        for (int col = 0; col < outputWidth; col++) {
            alongRows.applyTranspose(y, col, outputWidth, wide, col, outputWidth);
        }
        for (int row = 0; row < inputHeight; row++) {
            alongColumns.applyTranspose(wide, row * outputWidth, 1, x, row * inputWidth, 1);
        }
    }
}
