package org.diffprior.physics;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.diffprior.core.InvalidInputException;

/**
 * Coil sensitivity estimation with ESPIRiT (Uecker et al. 2014), one set of maps (BART {@code ecalib -m1}):
 * <ol>
 * <li>calibration matrix of all k×k×C patches of the fully sampled centre (ACS) region;</li>
 * <li>its signal subspace V∥ (singular vectors with σ² ≥ threshold·σ²_max, as BART's {@code -t}, from the
 * eigen-decomposition of the Gram matrix of the patches);</li>
 * <li>the k-space projection onto V∥ is a convolution, so in image space it is a C×C matrix G(r) per pixel,
 * G(r) = (1/k²) Σ_d h(d) e^{2πi d·r/N} with h(d) = Σ_{m−m'=d} V∥V∥ᴴ[(m,·),(m',·)];</li>
 * <li>the map at r is the eigenvector of G(r) with the largest eigenvalue (ideally 1), set to zero where
 * that eigenvalue is below the crop threshold, with the phase of coil 0 removed (maps are defined up to a
 * per-pixel phase).</li>
 * </ol>
 * The calibration region is the largest centred rectangle of at most {@code calibrationSize} a side that the
 * mask samples fully. Maps satisfy Σ_c |S_c|² = 1 inside the object. Settings default to BART's (kernel 6,
 * calibration 24, threshold 0.001, crop 0.8). The four steps stay in one file (about 300 lines), one published
 * method read beside its paper; the per-pixel eigen-solver is {@link HermitianJacobi}.
 *
 * <pre>{@code
 * CoilArray maps = Espirit.estimate(kspace, mask, Espirit.Settings.defaults());
 * LinearOperator a = new MultiCoilCartesianMri(h, w, mask, maps.data(), maps.coils());
 * }</pre>
 */
public final class Espirit {

    /** ESPIRiT parameters (BART names: -k kernel, -r calibration, -t threshold, -c crop). */
    public record Settings(int kernelSize, int calibrationSize, double threshold, double crop) {

        public static Settings defaults() {
            return new Settings(6, 24, 0.001, 0.8);
        }
    }

    private Espirit() {
    }

    public static CoilArray estimate(CoilArray kspace, float[] mask, Settings settings) {
        try {
            float[][] operatorImages = operatorImages(kspace, mask, settings);
            return eigenMaps(operatorImages, kspace.height(), kspace.width(), kspace.coils(), settings.crop());
        } catch (MathIllegalStateException e) {
            // The eigen-solver does not converge on calibration data without coil structure (e.g. pure noise).
            throw InvalidInputException.of("sensitivities", "ESPIRiT could not estimate coil sensitivities from the "
                    + "calibration region (" + e.getMessage()
                    + "); check the k-space, or give measured maps as {sensitivities}", e);
        }
    }

    /** The per-pixel C×C matrices G(r) as C² complex images (only c ≤ c' filled; G is Hermitian). */
    static float[][] operatorImages(CoilArray kspace, float[] mask, Settings settings) {
        int height = kspace.height();
        int width = kspace.width();
        int coils = kspace.coils();
        int k = settings.kernelSize();
        int[] region = calibrationRegion(mask, height, width, settings.calibrationSize());
        int calHeight = region[0];
        int calWidth = region[1];
        if (calHeight < k + 1 || calWidth < k + 1) {
            throw InvalidInputException.of("sensitivities",
                    "the fully sampled centre is only " + calHeight + "x" + calWidth
                            + " points, too small for a " + k + "x" + k
                            + " ESPIRiT kernel; sample more central lines or give {sensitivities}");
        }
        int y0 = height / 2 - calHeight / 2;
        int x0 = width / 2 - calWidth / 2;
        int columns = k * k * coils;
        // Gram matrix of the calibration patches, embedded as a real symmetric 2n×2n matrix [[Re, −Im], [Im, Re]].
        double[][] gramRe = new double[columns][columns];
        double[][] gramIm = new double[columns][columns];
        double[] patch = new double[2 * columns];
        int n = height * width;
        for (int py = 0; py + k <= calHeight; py++) {
            for (int px = 0; px + k <= calWidth; px++) {
                for (int c = 0; c < coils; c++) {
                    for (int my = 0; my < k; my++) {
                        for (int mx = 0; mx < k; mx++) {
                            int src = 2 * (c * n + (y0 + py + my) * width + (x0 + px + mx));
                            int col = (c * k + my) * k + mx;
                            patch[2 * col] = kspace.data()[src];
                            patch[2 * col + 1] = kspace.data()[src + 1];
                        }
                    }
                }
                // Σ_p a_p a_pᴴ (not AᴴA, whose eigenvectors span the conjugate patches): its range holds the patches.
                for (int i = 0; i < columns; i++) {
                    double ar = patch[2 * i];
                    double ai = patch[2 * i + 1];
                    for (int j = 0; j < columns; j++) {
                        double br = patch[2 * j];
                        double bi = -patch[2 * j + 1];
                        gramRe[i][j] += ar * br - ai * bi;
                        gramIm[i][j] += ar * bi + ai * br;
                    }
                }
            }
        }
        double[][] embedded = new double[2 * columns][2 * columns];
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < columns; j++) {
                embedded[i][j] = gramRe[i][j];
                embedded[i][columns + j] = -gramIm[i][j];
                embedded[columns + i][j] = gramIm[i][j];
                embedded[columns + i][columns + j] = gramRe[i][j];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(embedded, false));
        double[] eigenvalues = eigen.getRealEigenvalues();
        Integer[] order = new Integer[eigenvalues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        double largest = eigenvalues[order[0]];
        if (!(largest > 0)) {
            throw new InvalidInputException("the calibration region holds no signal; check the k-space and mask");
        }
        // BART's -t compares eigenvalues of the Gram matrix (squared singular values): σ²/σ²_max ≥ threshold.
        // Checked: with this rule the eigenvalue maps match bart ecalib's to 2e-4 (with σ/σ_max they do not).
        int kept = 0;
        while (kept < order.length && eigenvalues[order[kept]] >= settings.threshold() * largest) {
            kept++;
        }
        kept += kept % 2; // eigenvalues of the real embedding come in pairs (v and iv)
        // P = V∥V∥ᴴ. Each real eigenvector [a; b] is the complex eigenvector a + ib; a pair spans v and iv,
        // so summing over all kept real eigenvectors counts each complex direction twice: weight 1/2.
        double[][] projRe = new double[columns][columns];
        double[][] projIm = new double[columns][columns];
        for (int e = 0; e < kept; e++) {
            double[] v = eigen.getEigenvector(order[e]).toArray();
            for (int i = 0; i < columns; i++) {
                double ar = v[i];
                double ai = v[columns + i];
                for (int j = 0; j < columns; j++) {
                    double br = v[j];
                    double bi = -v[columns + j];
                    projRe[i][j] += 0.5 * (ar * br - ai * bi);
                    projIm[i][j] += 0.5 * (ar * bi + ai * br);
                }
            }
        }
        return imageDomainOperator(projRe, projIm, height, width, coils, k);
    }

    /**
     * G_{cc'}(r) for c ≤ c', each a complex H×W image: centred inverse DFT of h_{cc'}(d) placed at the k-space
     * centre + d, scaled by sqrt(HW)/k² (the inverse DFT is orthonormal, the convolution theorem is not).
     */
    private static float[][] imageDomainOperator(double[][] projRe, double[][] projIm, int height, int width,
            int coils, int k) {
        int span = 2 * k - 1;
        float[][] images = new float[coils * coils][];
        CenteredFft2 fft = new CenteredFft2(height, width);
        float scale = (float) (Math.sqrt((double) height * width) / (k * k));
        IntStream.range(0, coils * (coils + 1) / 2).parallel().forEach(pair -> {
            int c = 0;
            int rest = pair;
            while (rest >= coils - c) {
                rest -= coils - c;
                c++;
            }
            int cPrime = c + rest;
            double[] h = new double[2 * span * span];
            for (int my = 0; my < k; my++) {
                for (int mx = 0; mx < k; mx++) {
                    int i = (c * k + my) * k + mx;
                    for (int ny = 0; ny < k; ny++) {
                        for (int nx = 0; nx < k; nx++) {
                            int j = (cPrime * k + ny) * k + nx;
                            int d = (my - ny + k - 1) * span + (mx - nx + k - 1);
                            h[2 * d] += projRe[i][j];
                            h[2 * d + 1] += projIm[i][j];
                        }
                    }
                }
            }
            float[] image = new float[2 * height * width];
            for (int dy = 0; dy < span; dy++) {
                for (int dx = 0; dx < span; dx++) {
                    int y = Math.floorMod(height / 2 + dy - (k - 1), height);
                    int x = Math.floorMod(width / 2 + dx - (k - 1), width);
                    int d = dy * span + dx;
                    image[2 * (y * width + x)] += (float) h[2 * d];
                    image[2 * (y * width + x) + 1] += (float) h[2 * d + 1];
                }
            }
            fft.inverse(image);
            for (int i = 0; i < image.length; i++) {
                image[i] *= scale;
            }
            images[c * coils + cPrime] = image;
        });
        return images;
    }

    /**
     * Per pixel: eigenvector of the Hermitian C×C matrix G(r) with the largest eigenvalue, from a complex Jacobi
     * eigen-decomposition (in double: the top eigenvalues cluster near 1, so power iteration cannot separate
     * them), zeroed where that eigenvalue is below the crop threshold.
     */
    private static CoilArray eigenMaps(float[][] operatorImages, int height, int width, int coils, double crop) {
        int n = height * width;
        int size = coils * coils;
        float[] maps = new float[2 * coils * n];
        IntStream.range(0, height).parallel().forEach(y -> {
            double[] re = new double[size];
            double[] im = new double[size];
            double[] vRe = new double[size];
            double[] vIm = new double[size];
            double[] basisRe = new double[size];
            double[] basisIm = new double[size];
            double[] productRe = new double[size];
            double[] productIm = new double[size];
            boolean warm = false;
            for (int x = 0; x < width; x++) {
                int pixel = y * width + x;
                // G is positive semi-definite, so its largest eigenvalue is at most its trace: skip the background.
                double trace = 0;
                for (int c = 0; c < coils; c++) {
                    trace += operatorImages[c * coils + c][2 * pixel];
                }
                if (!(trace >= crop) || trace == 0) {
                    continue;
                }
                for (int c = 0; c < coils; c++) {
                    for (int d = c; d < coils; d++) {
                        float[] image = operatorImages[c * coils + d];
                        double gr = image[2 * pixel];
                        double gi = image[2 * pixel + 1];
                        // G_dc = conj(G_cd); the diagonal is real.
                        re[c * coils + d] = gr;
                        im[c * coils + d] = c == d ? 0 : gi;
                        re[d * coils + c] = gr;
                        im[d * coils + c] = c == d ? 0 : -gi;
                    }
                }
                // Neighbouring pixels have nearly the same eigenvectors: rotating G into the previous pixel's
                // eigenbasis leaves it almost diagonal, so Jacobi then needs one or two sweeps instead of eight.
                if (warm) {
                    HermitianJacobi.rotateInto(re, im, basisRe, basisIm, productRe, productIm, coils);
                }
                int top = HermitianJacobi.decompose(re, im, vRe, vIm, coils);
                if (warm) {
                    HermitianJacobi.multiply(basisRe, basisIm, vRe, vIm, productRe, productIm, coils);
                    System.arraycopy(productRe, 0, vRe, 0, size);
                    System.arraycopy(productIm, 0, vIm, 0, size);
                }
                System.arraycopy(vRe, 0, basisRe, 0, size);
                System.arraycopy(vIm, 0, basisIm, 0, size);
                warm = true;
                double eigenvalue = re[top * coils + top];
                if (!(eigenvalue >= crop)) {
                    continue;
                }
                double norm = 0;
                for (int c = 0; c < coils; c++) {
                    norm += vRe[c * coils + top] * vRe[c * coils + top] + vIm[c * coils + top] * vIm[c * coils + top];
                }
                norm = Math.sqrt(norm);
                double phaseNorm = Math.hypot(vRe[top], vIm[top]);
                // Remove the phase of coil 0 (maps are defined up to a per-pixel phase).
                double pr = phaseNorm > 0 ? vRe[top] / phaseNorm : 1;
                double pi = phaseNorm > 0 ? -vIm[top] / phaseNorm : 0;
                for (int c = 0; c < coils; c++) {
                    double ar = vRe[c * coils + top];
                    double ai = vIm[c * coils + top];
                    int i = 2 * (c * n + pixel);
                    maps[i] = (float) ((ar * pr - ai * pi) / norm);
                    maps[i + 1] = (float) ((ar * pi + ai * pr) / norm);
                }
            }
        });
        return new CoilArray(height, width, coils, maps);
    }

    /** {height, width} of the largest centred rectangle (at most maxSize a side) that the mask fully samples. */
    static int[] calibrationRegion(float[] mask, int height, int width, int maxSize) {
        int calHeight = Math.min(maxSize, height);
        int calWidth = Math.min(maxSize, width);
        // Shrink each side alternately until the centred rectangle is fully sampled.
        while (calHeight > 0 && calWidth > 0 && !fullySampled(mask, height, width, calHeight, calWidth)) {
            boolean rowsOk = fullySampled(mask, height, width, calHeight, 1);
            boolean columnsOk = fullySampled(mask, height, width, 1, calWidth);
            if (!columnsOk) {
                calWidth--;
            }
            if (!rowsOk) {
                calHeight--;
            }
            if (rowsOk && columnsOk) {
                calHeight--;
                calWidth--;
            }
        }
        return new int[] {calHeight, calWidth};
    }

    private static boolean fullySampled(float[] mask, int height, int width, int calHeight, int calWidth) {
        int y0 = height / 2 - calHeight / 2;
        int x0 = width / 2 - calWidth / 2;
        for (int y = y0; y < y0 + calHeight; y++) {
            for (int x = x0; x < x0 + calWidth; x++) {
                if (mask[y * width + x] == 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
