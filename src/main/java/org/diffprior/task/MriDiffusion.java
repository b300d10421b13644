package org.diffprior.task;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MultiCoilCartesianMri;
import org.diffprior.physics.PhaseConstrained;
import org.diffprior.prior.Denoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplingResult;

/**
 * MRI reconstruction from undersampled Cartesian k-space with a diffusion prior (DDS). Single-coil, or
 * multi-coil with sensitivity maps. A magnitude (1-channel) prior reconstructs a real image m under the
 * phase φ of the low-resolution calibration image, x = e^{iφ} m (exact for real images, a good
 * approximation for the smooth phase of most scans); a complex (2-channel) prior reconstructs x directly.
 *
 * <pre>{@code
 * DiffusionOutput out = MriDiffusion.run(kspace, mask, null, prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class MriDiffusion {

    /** Weight γ of the proximal data consistency under an estimated phase. */
    static final double PHASE_GAMMA = 10;

    private MriDiffusion() {
    }

    public static DiffusionOutput run(CoilArray kspace, float[] mask, CoilArray maps, Denoiser prior,
            DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        int height = kspace.height();
        int width = kspace.width();
        if (mask.length != height * width) {
            throw new InvalidInputException("mask size does not match the k-space (" + height + "x" + width + ")");
        }
        if (kspace.coils() > 1 && maps == null) {
            throw new InvalidInputException("diffusion reconstruction of multi-coil data needs coil sensitivities; "
                    + "pass --sens S.cfl or --estimate-sens");
        }
        if (maps != null && (maps.height() != height || maps.width() != width || maps.coils() != kspace.coils())) {
            throw new InvalidInputException("sensitivities are " + maps.height() + "x" + maps.width() + "x" + maps.coils()
                    + " but the k-space is " + height + "x" + width + "x" + kspace.coils() + "; pass matching maps");
        }
        long start = System.nanoTime();
        LinearOperator complexOperator = maps == null
                ? new CartesianMri(height, width, mask)
                : new MultiCoilCartesianMri(height, width, mask, maps.data(), maps.coils());
        float[] zeroFilled = new float[complexOperator.inputSize()];
        complexOperator.adjoint(kspace.data(), zeroFilled);
        double scale = Intensities.robustMax(zeroFilled, true);
        if (!(scale > 0)) {
            throw new InvalidInputException("the k-space is zero where the mask samples it; check the mask");
        }
        float[] y = Intensities.scaled(kspace.data(), 1 / scale);

        boolean magnitudePrior = prior.channels() == 1;
        LinearOperator operator = magnitudePrior
                ? new PhaseConstrained(complexOperator, calibrationPhase(complexOperator, kspace.data(), mask, height, width))
                : complexOperator;
        // Under an estimated phase the data are not exactly reachable by a real image; the normal equations
        // would amplify that mismatch along the small singular values of the restricted operator, so the
        // magnitude prior uses the proximal step, whose weight bounds the amplification.
        SamplingResult result = DiffusionReconstruction.sample(prior, Measurement.of(operator, y), height, width,
                settings, magnitudePrior ? CgDataConsistency.proximal(Math.max(1, settings.cgIterations()), PHASE_GAMMA) : null,
                progress, cancel);

        int pixels = height * width;
        float[][] magnitudes = new float[result.samples().length][pixels];
        for (int k = 0; k < magnitudes.length; k++) {
            float[] sample = result.samples()[k];
            for (int i = 0; i < pixels; i++) {
                double value = magnitudePrior ? Math.abs(sample[i]) : Math.hypot(sample[2 * i], sample[2 * i + 1]);
                magnitudes[k][i] = (float) (value * scale);
            }
        }
        float[] mean = new float[pixels];
        float[] meanSample = result.mean();
        for (int i = 0; i < pixels; i++) {
            double value = magnitudePrior ? Math.abs(meanSample[i]) : Math.hypot(meanSample[2 * i], meanSample[2 * i + 1]);
            mean[i] = (float) (value * scale);
        }
        return new DiffusionOutput(width, height, mean, DiffusionReconstruction.std(magnitudes), magnitudes,
                result.networkEvaluations(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Phase of the low-resolution image made from the fully sampled centre of k-space (a Hann-tapered
     * rectangle of contiguous sampled rows and columns around the centre); 0 where that image is zero.
     */
    static float[] calibrationPhase(LinearOperator complexOperator, float[] kspace, float[] mask, int height, int width) {
        int cy = height / 2;
        int cx = width / 2;
        int halfWidth = 0;
        while (cx - halfWidth - 1 >= 0 && cx + halfWidth + 1 < width
                && mask[cy * width + cx - halfWidth - 1] > 0 && mask[cy * width + cx + halfWidth + 1] > 0) {
            halfWidth++;
        }
        int halfHeight = 0;
        while (cy - halfHeight - 1 >= 0 && cy + halfHeight + 1 < height
                && mask[(cy - halfHeight - 1) * width + cx] > 0 && mask[(cy + halfHeight + 1) * width + cx] > 0) {
            halfHeight++;
        }
        float[] lowPass = new float[kspace.length];
        int pixels = height * width;
        int coils = kspace.length / (2 * pixels);
        for (int y = 0; y < height; y++) {
            double wy = taper(y - cy, halfHeight);
            for (int x = 0; x < width; x++) {
                double w = wy * taper(x - cx, halfWidth) * (mask[y * width + x] > 0 ? 1 : 0);
                for (int c = 0; c < coils; c++) {
                    int i = 2 * (c * pixels + y * width + x);
                    lowPass[i] = (float) (kspace[i] * w);
                    lowPass[i + 1] = (float) (kspace[i + 1] * w);
                }
            }
        }
        float[] image = new float[2 * pixels];
        complexOperator.adjoint(lowPass, image);
        float[] phase = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            phase[i] = (float) Math.atan2(image[2 * i + 1], image[2 * i]);
        }
        return phase;
    }

    /** Hann taper over |offset| ≤ half + 1 (so the outermost sampled line still counts). */
    private static double taper(int offset, int half) {
        double extent = half + 1;
        if (Math.abs(offset) >= extent) {
            return 0;
        }
        return 0.5 * (1 + Math.cos(Math.PI * offset / extent));
    }
}
