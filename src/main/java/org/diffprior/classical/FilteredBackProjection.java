package org.diffprior.classical;

import java.util.stream.IntStream;

import org.diffprior.physics.ParallelBeamProjector;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Filtered back-projection for the parallel-beam geometry of {@link ParallelBeamProjector}: each view
 * is zero-padded to a power of two ≥ 2·⌈√2·N⌉ (at least 64), filtered in the Fourier domain, then smeared
 * back pixel by pixel with linear interpolation on the detector and scaled by π / (2 · views), the
 * parallel-beam weight for views spread over 180°. Pixels outside the inscribed circle are zero. The
 * result equals {@code skimage.transform.iradon(sinogram.T, theta, circle=True, filter_name=...)}.
 *
 * <pre>{@code
 * float[] image = FilteredBackProjection.reconstruct(sinogram, CtAngles.parse("0:180:180"), 256, FbpFilter.RAM_LAK);
 * }</pre>
 */
public final class FilteredBackProjection {

    private FilteredBackProjection() {
    }

    /**
     * Padded filter length for {@code bins} detector bins: the power of two (at least 64) ≥ twice the
     * diagonal ⌈√2·bins⌉, as scikit-image pads; apodised filters depend on this length, so matching it
     * makes the Shepp-Logan and Hann results identical to iradon's too.
     */
    public static int paddedLength(int bins) {
        int diagonal = (int) Math.ceil(Math.sqrt(2) * bins);
        int length = 64;
        while (length < 2 * diagonal) {
            length *= 2;
        }
        return length;
    }

    /**
     * Reconstructs a {@code size}×{@code size} image from a sinogram with one row per angle.
     *
     * @param sinogram views × bins, row-major; the number of bins is {@code sinogram.length / angles.length}
     */
    public static float[] reconstruct(float[] sinogram, double[] anglesDegrees, int size, FbpFilter filter) {
        int views = anglesDegrees.length;
        if (views == 0 || sinogram.length % views != 0) {
            throw new IllegalArgumentException(
                    "sinogram length " + sinogram.length + " is not a multiple of " + views + " views");
        }
        int bins = sinogram.length / views;
        double[][] filtered = filter(sinogram, views, bins, filter);
        double[] cos = new double[views];
        double[] sin = new double[views];
        for (int v = 0; v < views; v++) {
            double radians = Math.toRadians(anglesDegrees[v]);
            cos[v] = Math.cos(radians);
            sin[v] = Math.sin(radians);
        }
        boolean[] support = ParallelBeamProjector.circleMask(size);
        int centre = size / 2;
        int detectorCentre = bins / 2;
        double scale = Math.PI / (2.0 * views);
        float[] image = new float[size * size];
        IntStream.range(0, size).parallel().forEach(row -> {
            for (int col = 0; col < size; col++) {
                if (!support[row * size + col]) {
                    continue;
                }
                double sum = 0;
                for (int v = 0; v < views; v++) {
                    // Detector coordinate of the pixel centre in view v (inverse of the projector's rotation).
                    double s = (col - centre) * cos[v] - (row - centre) * sin[v] + detectorCentre;
                    sum += interpolate(filtered[v], s, bins);
                }
                image[row * size + col] = (float) (sum * scale);
            }
        });
        return image;
    }

    private static double[][] filter(float[] sinogram, int views, int bins, FbpFilter filter) {
        int length = paddedLength(bins);
        double[] response = filter.response(length);
        double[][] filtered = new double[views][];
        IntStream.range(0, views).parallel().forEach(v -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(length);
            double[] buffer = new double[2 * length];
            for (int b = 0; b < bins; b++) {
                buffer[2 * b] = sinogram[v * bins + b];
            }
            fft.complexForward(buffer);
            for (int f = 0; f < length; f++) {
                buffer[2 * f] *= response[f];
                buffer[2 * f + 1] *= response[f];
            }
            fft.complexInverse(buffer, true);
            // The filtered projection does not vanish outside the detector; keep one bin on each side
            // (circular index −1 ↦ length − 1), which pixels on the rim of the circle need. Both are exact
            // linear-convolution values because length ≥ 2·bins + 2.
            double[] row = new double[bins + 2];
            for (int b = -1; b <= bins; b++) {
                row[b + 1] = buffer[2 * Math.floorMod(b, length)];
            }
            filtered[v] = row;
        });
        return filtered;
    }

    /** Linear interpolation at detector position s of a row that holds positions −1..bins; zero beyond. */
    private static double interpolate(double[] values, double s, int bins) {
        double position = s + 1;
        if (position < 0 || position > bins + 1) {
            return 0;
        }
        int i = (int) position;
        if (i >= bins + 1) {
            return values[bins + 1];
        }
        double f = position - i;
        return values[i] + f * (values[i + 1] - values[i]);
    }
}
