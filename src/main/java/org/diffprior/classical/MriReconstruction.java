package org.diffprior.classical;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.CartesianMri;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.Daubechies4Wavelet;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MriMeasurement;
import org.diffprior.physics.RowHybridForm;
import org.diffprior.solver.ChambollePock;
import org.diffprior.solver.ConjugateGradient;
import org.diffprior.solver.Fista;

/**
 * Classical reconstructions of Cartesian MRI (task layer for {@code diffprior mri}): zero-filled, CG-SENSE
 * (Tikhonov), and L1-wavelet compressed sensing solved by FISTA. The k-space is divided by a scale s, the
 * 99th percentile of the zero-filled magnitude, before solving and the image multiplied by s afterwards, so
 * the regularisation weights below are relative to an image of robust maximum 1 (the same problem BART's
 * {@code pics -w s} solves) and do not depend on the data's units.
 *
 * <p>Default weights were chosen on validation data only: Colin27 (ch2.nii.gz) axial slices 100, 105 and 110
 * (from the validation slab 100–110; {@code scripts/extract_colin27.py}), 128×128, 1-D random and equispaced
 * masks at R = 4 and 8, single-coil and 8 simulated coils, noise σ = 0.002 ({@code MriBenchmark --validate}); the
 * held-out test slices 70 and 85 were not used. Mean PSNR over those 24 cases:
 * L1-wavelet λ = 1e-4 / 2e-4 / <b>5e-4</b> / 1e-3 / 2e-3 / 4e-3 gave 23.70 / 24.28 / <b>24.61</b> / 24.41 / 24.04 / 23.66 dB
 * (150 FISTA iterations); CG-SENSE μ = <b>1e-4</b> / 3e-4 / 1e-3 / 3e-3 / 1e-2 gave <b>22.17</b> / 22.16 / 22.10 / 21.91 /
 * 21.56 dB (20 CG iterations, which regularise by early stopping; μ matters little). Single-coil data prefer a
 * larger λ (about 1e-3) and 8-coil data a smaller one (2e-4 to 5e-4); pass {@code --lambda} to override.
 *
 * <pre>{@code
 * MriReconstruction.Request request = new MriReconstruction.Request(kspace, mask, maps, Method.L1_WAVELET, Double.NaN, 0, 1);
 * MriReconstruction.Result result = MriReconstruction.run(request, ProgressListener.NONE, CancelToken.none());
 * float[] magnitude = result.magnitude();
 * }</pre>
 */
public final class MriReconstruction {

    /** Tikhonov weight μ of CG-SENSE, relative to the scaled image (validation-chosen). */
    public static final double DEFAULT_CG_MU = 1e-4;
    public static final int DEFAULT_CG_ITERATIONS = 20;
    /** L1-wavelet weight λ relative to the scaled image (validation-chosen). */
    public static final double DEFAULT_WAVELET_LAMBDA = 5e-4;
    public static final int DEFAULT_WAVELET_ITERATIONS = 150;
    /**
     * TV weight λ relative to the scaled image: best of 3e-4 … 3e-2 on the three Colin27 validation slices in
     * test-images/ (single coil, R = 4 random, 200 Chambolle-Pock iterations): 1e-2 on all three.
     */
    public static final double DEFAULT_TV_LAMBDA = 1e-2;
    public static final int DEFAULT_TV_ITERATIONS = 200;
    /**
     * σ/τ of the Chambolle–Pock steps of every MRI TV solve (this method, {@code auto}'s candidates, the warm start)
     * at weight λ: 0.3 √(λ / 10⁻²). The dual TV variable is bounded by a ball whose radius grows with λ, so the
     * balance of the steps moves with it. At the solver's default 1 the solves stopped far from the minimiser: on
     * the validation images 8-coil 1-D R = 8 TV (λ 3e-3) gained 0.5–1.4 dB PSNR from 200 to 400 iterations, and
     * one 1-coil Poisson-disc case was 5 dB short. Chosen by the objective's relative gap after 200 iterations
     * against 1500-iteration solves (the 40 validation cases of {@code bin/benchmark honest} at λ 3e-3 and 1e-2;
     * median / worst): ratio 1 6.7e-3 / 4.7e-2, fixed 0.1 3.5e-3 / 2.8e-2, fixed 0.3 2.2e-3 / 1.9e-2, this
     * 1.5e-3 / 1.2e-2 (the best fixed ratio was 0.1–0.2 at λ 3e-3 and 0.3–1 at 1e-2). CT's TV uses 0.1.
     */
    public static double tvStepRatio(double lambda) {
        return Math.min(Math.max(0.3 * Math.sqrt(lambda / 1e-2), 0.01), 10);
    }
    /** Wavelet levels used at most (fewer when the size is not divisible by 2^4). */
    public static final int MAX_WAVELET_LEVELS = 4;

    /** The classical methods (diffusion and auto are the task layer's, {@code task.MriMethod}). */
    public enum Method {
        ZERO_FILLED("zero-filled"), CG_SENSE("cg-sense"), L1_WAVELET("l1-wavelet"), TV("tv");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The command-line name. */
        public String label() {
            return label;
        }
    }

    /**
     * What to reconstruct.
     *
     * @param kspace H×W×C k-space (unsampled points may hold anything; they are masked)
     * @param mask H·W 0/1 sampling mask, row-major
     * @param sensitivities C maps or null (single coil; or root-sum-of-squares zero-filling)
     * @param lambda regularisation weight (μ for CG-SENSE, λ for L1-wavelet); NaN for the default
     * @param iterations solver iterations; 0 for the default
     * @param seed seed of the random wavelet shifts
     */
    public record Request(CoilArray kspace, float[] mask, CoilArray sensitivities, Method method, double lambda,
            int iterations, long seed) {
    }

    /** The complex image (interleaved, row-major) and its magnitude. */
    public record Result(int height, int width, float[] complexImage, float[] magnitude) {
    }

    private MriReconstruction() {
    }

    public static Result run(Request request, ProgressListener progress, CancelToken cancel) {
        CoilArray kspace = request.kspace();
        int height = kspace.height();
        int width = kspace.width();
        if (request.mask().length != height * width) {
            throw new InvalidInputException(
                    "mask size does not match the k-space (" + height + "x" + width + "); use a mask of the same size");
        }
        CoilArray maps = request.sensitivities();
        if (maps != null && (maps.height() != height || maps.width() != width || maps.coils() != kspace.coils())) {
            throw new InvalidInputException("sensitivities are " + maps.height() + "x" + maps.width() + "x"
                    + maps.coils()
                    + " but the k-space is " + height + "x" + width + "x" + kspace.coils() + "; pass matching maps");
        }
        Method method = request.method();
        if (maps == null && kspace.coils() > 1 && method != Method.ZERO_FILLED) {
            throw InvalidInputException.of("sensitivities", method.label()
                    + " of multi-coil data needs coil sensitivities; give {sensitivities} or {estimate_sens}");
        }
        if (maps == null && kspace.coils() > 1) {
            MriMeasurement.requireFinite(kspace, request.mask());
            return rootSumOfSquares(MriMeasurement.sampledOnly(kspace, request.mask()), request.mask());
        }
        if (method == Method.ZERO_FILLED) {
            MriMeasurement.requireFinite(kspace, request.mask());
            LinearOperator operator = MriMeasurement.complexOperator(height, width, request.mask(), maps);
            float[] x = new float[operator.inputSize()];
            operator.adjoint(MriMeasurement.sampledOnly(kspace, request.mask()).data(), x);
            return result(height, width, x);
        }
        MriMeasurement measurement = MriMeasurement.of(kspace, request.mask(), maps);
        // A 1-D mask's solves run in hybrid space (RowHybridForm): the same iterates at half the transforms.
        RowHybridForm.Hybrid hybrid = RowHybridForm.orItself(measurement.complexOperator());
        LinearOperator operator = hybrid.operator();
        float[] scaled = hybrid.measurements().apply(measurement.data());
        float[] x = new float[operator.inputSize()];
        operator.adjoint(scaled, x);
        if (method == Method.CG_SENSE) {
            double mu = Double.isNaN(request.lambda()) ? DEFAULT_CG_MU : request.lambda();
            int iterations = request.iterations() > 0 ? request.iterations() : DEFAULT_CG_ITERATIONS;
            float[] rhs = x.clone();
            ConjugateGradient.solve((in, out) -> {
                cancel.check();
                operator.normal(in, out);
                for (int i = 0; i < in.length; i++) {
                    out[i] += (float) (mu * in[i]);
                }
            }, rhs, x, iterations, 1e-6);
        } else if (method == Method.TV) {
            double lambda = Double.isNaN(request.lambda()) ? DEFAULT_TV_LAMBDA : request.lambda();
            int iterations = request.iterations() > 0 ? request.iterations() : DEFAULT_TV_ITERATIONS;
            x = new ChambollePock(operator, width, height, 2, tvStepRatio(lambda)).solve(scaled, lambda, iterations,
                    false, x, progress, cancel);
        } else {
            double lambda = Double.isNaN(request.lambda()) ? DEFAULT_WAVELET_LAMBDA : request.lambda();
            int iterations = request.iterations() > 0 ? request.iterations() : DEFAULT_WAVELET_ITERATIONS;
            int levels = Daubechies4Wavelet.maxLevels(height, width, MAX_WAVELET_LEVELS);
            if (levels == 0) {
                throw new InvalidInputException(
                        "l1-wavelet needs an image size divisible by 2 with at least 8 pixels a side, got "
                                + height + "x" + width + "; crop or pad the k-space");
            }
            WaveletSoftThreshold prox = new WaveletSoftThreshold(height, width, levels, lambda, true, request.seed());
            // ‖A‖ = 1 for a 0/1 mask and Σ|S|² ≤ 1; estimate it anyway so weighted masks or raw maps stay stable.
            double lipschitz = Math.max(Fista.largestEigenvalue(operator, 15, request.seed()) * 1.02, 1e-6);
            new Fista(operator, prox).lipschitz(lipschitz).iterations(iterations).progress(progress, cancel)
                    .solve(scaled, x);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) measurement.scale();
        }
        return result(height, width, x);
    }

    private static Result rootSumOfSquares(CoilArray kspace, float[] mask) {
        int height = kspace.height();
        int width = kspace.width();
        int n = height * width;
        CartesianMri single = new CartesianMri(height, width, mask);
        float[] sum = new float[n];
        float[] image = new float[2 * n];
        for (int c = 0; c < kspace.coils(); c++) {
            single.adjoint(kspace.coil(c), image);
            for (int i = 0; i < n; i++) {
                sum[i] += image[2 * i] * image[2 * i] + image[2 * i + 1] * image[2 * i + 1];
            }
        }
        float[] complex = new float[2 * n];
        for (int i = 0; i < n; i++) {
            complex[2 * i] = (float) Math.sqrt(sum[i]);
        }
        return result(height, width, complex);
    }

    private static Result result(int height, int width, float[] complex) {
        float[] magnitude = new float[height * width];
        for (int i = 0; i < magnitude.length; i++) {
            magnitude[i] = (float) Math.hypot(complex[2 * i], complex[2 * i + 1]);
        }
        return new Result(height, width, complex, magnitude);
    }
}
