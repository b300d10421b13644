package org.diffprior.physics;

/**
 * The 1-D resampling matrix of MATLAB's {@code imresize} along one axis, stored sparsely: output sample
 * i (1-based) sits at input coordinate u = i/scale + ½(1 − 1/scale); its weights are the kernel at the
 * distances to the ⌈support⌉ + 2 nearest inputs, with the kernel widened by 1/scale when shrinking
 * (anti-aliasing), normalised to sum one; inputs beyond the ends are mirrored (symmetric padding), so
 * their weights fold back onto the edge samples.
 *
 * <pre>{@code
 * ResamplingWeights rows = new ResamplingWeights(256, 64, ResizeKernel.CUBIC);
 * rows.apply(column, 0, 1, out, 0, 1);
 * }</pre>
 */
public final class ResamplingWeights {

    private final int inputLength;
    private final int outputLength;
    private final int[][] indices;
    private final double[][] weights;

    /** Weights for resizing {@code inputLength} samples to {@code outputLength} samples. */
    public ResamplingWeights(int inputLength, int outputLength, ResizeKernel kernel) {
        if (inputLength < 1 || outputLength < 1) {
            throw new IllegalArgumentException("lengths must be positive: " + inputLength + " -> " + outputLength);
        }
        this.inputLength = inputLength;
        this.outputLength = outputLength;
        double scale = (double) outputLength / inputLength;
        boolean shrink = scale < 1;
        double kernelWidth = shrink ? kernel.support() / scale : kernel.support();
        int taps = (int) Math.ceil(kernelWidth) + 2;
        indices = new int[outputLength][];
        weights = new double[outputLength][];
        int period = 2 * inputLength;
        for (int i = 0; i < outputLength; i++) {
            double u = (i + 1) / scale + 0.5 * (1 - 1 / scale);
            int left = (int) Math.floor(u - kernelWidth / 2);
            double[] w = new double[taps];
            int[] index = new int[taps];
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                int oneBased = left + k;
                double distance = u - oneBased;
                w[k] = shrink ? scale * kernel.value(scale * distance) : kernel.value(distance);
                sum += w[k];
                int m = Math.floorMod(oneBased - 1, period);
                index[k] = m < inputLength ? m : period - 1 - m;
            }
            for (int k = 0; k < taps; k++) {
                w[k] /= sum;
            }
            indices[i] = index;
            weights[i] = w;
        }
    }

    public int inputLength() {
        return inputLength;
    }

    public int outputLength() {
        return outputLength;
    }

    /** out[outOffset + i·outStride] = Σ_k W[i, k] in[inOffset + k·inStride]. */
    public void apply(float[] in, int inOffset, int inStride, float[] out, int outOffset, int outStride) {
        for (int i = 0; i < outputLength; i++) {
            double sum = 0;
            int[] index = indices[i];
            double[] w = weights[i];
            for (int k = 0; k < index.length; k++) {
                sum += w[k] * in[inOffset + index[k] * inStride];
            }
            out[outOffset + i * outStride] = (float) sum;
        }
    }

    /** The transpose: out[k] = Σ_i W[i, k] in[i]; overwrites the whole output line. */
    public void applyTranspose(float[] in, int inOffset, int inStride, float[] out, int outOffset, int outStride) {
        double[] sums = new double[inputLength];
        for (int i = 0; i < outputLength; i++) {
            double value = in[inOffset + i * inStride];
            int[] index = indices[i];
            double[] w = weights[i];
            for (int k = 0; k < index.length; k++) {
                sums[index[k]] += w[k] * value;
            }
        }
        for (int k = 0; k < inputLength; k++) {
            out[outOffset + k * outStride] = (float) sums[k];
        }
    }
}
