package org.diffprior.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.diffprior.classical.MriReconstruction;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.core.SampleStatistics;
import org.diffprior.physics.BlockDiagonal;
import org.diffprior.physics.CalibrationCentre;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MriMeasurement;
import org.diffprior.physics.PhaseConstrained;
import org.diffprior.prior.Denoiser;
import org.diffprior.prior.DihedralDenoiser;
import org.diffprior.prior.SliceBatchedDenoiser;
import org.diffprior.solver.CgDataConsistency;
import org.diffprior.solver.ChambollePock;
import org.diffprior.solver.ConjugateGradient;
import org.diffprior.solver.DataConsistency;
import org.diffprior.solver.Measurement;
import org.diffprior.solver.SamplingResult;
import org.diffprior.solver.ThroughPlaneTv;

/**
 * MRI reconstruction from undersampled Cartesian k-space with a diffusion prior (DDS). Single-coil, or
 * multi-coil with sensitivity maps. A magnitude (1-channel) prior reconstructs a real image m under a phase φ
 * estimated beforehand, x = e^{iφ} m (exact for real images, a good approximation for the smooth phase of most
 * scans): that of the low-resolution calibration image, or, for several coils and a narrow calibration centre, that
 * of CG-SENSE of all data ({@link #SENSE_PHASE_FRACTION}); a complex (2-channel) prior reconstructs x directly.
 * With a k-space noise level (given, or from {@link KspaceNoise#estimate}) the data consistency stops at that level.
 *
 * <pre>{@code
 * DiffusionOutput out = MriDiffusion.run(kspace, mask, null, prior, DiffusionSettings.defaults(),
 *         ProgressListener.NONE, CancelToken.none());
 * }</pre>
 */
public final class MriDiffusion {

    /** Weight γ of the proximal data consistency under an estimated phase. */
    static final double PHASE_GAMMA = 10;
    /**
     * TV weight of the warm start's estimate, relative to the normalised image: the weight the validation grid
     * chose most often for our TV (1-D R = 4, 8 coils) and the one {@link MriAuto} picked on every validation scan.
     */
    static final double WARM_START_TV_LAMBDA = 1e-2;
    /** Chambolle–Pock iterations of the warm start's estimate. */
    static final int WARM_START_TV_ITERATIONS = 200;

    /**
     * Several coils resolve the phase of the whole image, so when the calibration centre is narrow a magnitude
     * prior works under the phase of CG-SENSE of all data, low-passed to this central fraction of k-space (Hann
     * window), instead of the centre's own phase. With a 2-D Poisson-disc mask at R = 8 the centre is 5×5 and its
     * phase 10× less accurate than CG-SENSE's (magnitude-weighted error 0.06–0.08 vs 0.005–0.007 rad on the
     * validation images), which capped diffusion near 30 dB where BART reached 33–37. Validation (8 coils, smooth
     * random phase up to about ±π, 5 images of Colin27, the Cranium CT and EPI subject A; Δ against the best of
     * BART L1/TV and our TV tuned there), diffusion alone, calibration phase → this one: Poisson R = 8 mean
     * −7.5 → −2.1 dB (worst −12.9 → −3.2), 1-D random R = 8 (5-column centre) −2.7 → +0.8; fraction 0.125 was
     * worse (−1.3 mean over both). But 1-D random R = 4 (9-column centre) +2.10 → +1.71, hence the narrow-centre
     * rule {@link #SENSE_PHASE_BELOW_CENTRE}.
     */
    static final double SENSE_PHASE_FRACTION = 0.25;
    /**
     * Several coils use the CG-SENSE phase when the calibration centre spans less than this fraction of the image
     * in either direction (validation above: 5 of 128 lines yes, 9 of 128 no).
     */
    static final double SENSE_PHASE_BELOW_CENTRE = 0.06;

    private MriDiffusion() {
    }

    public static DiffusionOutput run(CoilArray kspace, float[] mask, CoilArray maps, Denoiser prior,
            DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return runSlices(List.of(kspace), List.of(mask), maps == null ? null : List.of(maps), prior, settings, progress,
                cancel).get(0);
    }

    /**
     * Reconstructs several slices in one sampling run: each slice keeps its own measurement, intensity
     * scale and phase, and all slices (times all samples) go through the network together as one batch.
     *
     * @param masks one mask per slice (the same array may be repeated)
     * @param maps one map set per slice, or null for single-coil data
     */
    public static List<DiffusionOutput> runSlices(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps,
            Denoiser prior, DiffusionSettings settings, ProgressListener progress, CancelToken cancel) {
        return runSlices(kspaces, masks, maps, 0, prior, settings, progress, cancel);
    }

    /**
     * As {@link #runSlices(List, List, List, Denoiser, DiffusionSettings, ProgressListener, CancelToken)} for
     * k-space with known noise: each step's CG (CGLS) stops once the residual on the sampled points reaches
     * the noise level (discrepancy principle, τ = 1) instead of fitting the noise.
     *
     * @param noiseSigma standard deviation of the real and of the imaginary part of each sampled k-space
     *        value (orthonormal FFT, as {@code simulate mri --noise-sigma}); 0 when noiseless or unknown
     */
    public static List<DiffusionOutput> runSlices(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps,
            double noiseSigma, Denoiser prior, DiffusionSettings settings, ProgressListener progress,
            CancelToken cancel) {
        return runSlices(kspaces, masks, maps, noiseSigma, 0, prior, settings, progress, cancel);
    }

    /**
     * As {@link #runSlices(List, List, List, double, Denoiser, DiffusionSettings, ProgressListener, CancelToken)}
     * for adjacent slices of a volume, with TV of weight {@code throughPlaneTv} along the slice axis after each
     * step's data consistency ({@link ThroughPlaneTv}); 0 reconstructs the slices independently.
     */
    public static List<DiffusionOutput> runSlices(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps,
            double noiseSigma, double throughPlaneTv, Denoiser prior, DiffusionSettings settings,
            ProgressListener progress, CancelToken cancel) {
        long start = System.nanoTime();
        Problem problem = prepare(kspaces, masks, maps, noiseSigma, prior.channels() == 1, cancel);
        float[] estimate = settings.warmStart()
                ? warmStartEstimate(problem.operators(), problem.y(), problem.height(), problem.width(),
                        problem.magnitudePrior() ? 1 : 2, cancel)
                : null;
        SamplingResult result = sample(problem, prior, settings, estimate, throughPlaneTv, progress, cancel);
        return outputs(problem, result, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The measurements of all slices in normalised units (robust maximum of the zero-filled image ≈ 1), and
     * the operators in the prior's space: a real image under the calibration phase for a magnitude prior, the
     * complex image for a complex prior.
     */
    record Problem(LinearOperator[] operators, LinearOperator[] complexOperators, double[] scales, float[] y,
            double noiseVariance, boolean magnitudePrior, int height, int width) {

        int slices() {
            return operators.length;
        }

        /** The normalised measurement of slice s. */
        float[] slice(int s) {
            int length = complexOperators[0].outputSize();
            return Arrays.copyOfRange(y, s * length, (s + 1) * length);
        }

        /** Slice s of a prior-space image as an interleaved complex image in the input's units. */
        float[] complexImage(float[] image, int s) {
            int values = (magnitudePrior ? 1 : 2) * height * width;
            return complexSlice(Arrays.copyOfRange(image, s * values, (s + 1) * values), s);
        }

        /** One slice's prior-space image (real under the phase, or complex) as a complex image in input units. */
        float[] complexSlice(float[] sliceImage, int s) {
            float[] complex = magnitudePrior ? ((PhaseConstrained) operators[s]).toComplex(sliceImage)
                    : sliceImage.clone();
            for (int i = 0; i < complex.length; i++) {
                complex[i] *= (float) scales[s];
            }
            return complex;
        }

        /** The adjoint of {@link #complexSlice}: a gradient with respect to the complex image, in prior space. */
        float[] complexSliceAdjoint(float[] complexGradient, int s) {
            float[] gradient = magnitudePrior ? ((PhaseConstrained) operators[s]).alongPhase(complexGradient)
                    : complexGradient.clone();
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= (float) scales[s];
            }
            return gradient;
        }
    }

    static Problem prepare(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps, double noiseSigma,
            boolean magnitudePrior, CancelToken cancel) {
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw InvalidInputException.of("noise_sigma", "{noise_sigma} must be a number ≥ 0, got " + noiseSigma);
        }
        int slices = kspaces.size();
        int height = kspaces.get(0).height();
        int width = kspaces.get(0).width();
        LinearOperator[] operators = new LinearOperator[slices];
        LinearOperator[] complexOperators = new LinearOperator[slices];
        double[] scales = new double[slices];
        float[] y = new float[kspaces.stream().mapToInt(k -> k.data().length).sum()];
        double noiseVariance = 0; // summed over the sampled real values, in normalised units
        for (int s = 0, offset = 0; s < slices; s++) {
            CoilArray kspace = kspaces.get(s);
            if (kspace.height() != height || kspace.width() != width) {
                throw new InvalidInputException("slice " + s + " is " + kspace.height() + "x" + kspace.width()
                        + " but slice 0 is " + height + "x" + width + "; all slices must have one size");
            }
            MriMeasurement measurement = MriMeasurement.of(kspace, masks.get(s), maps == null ? null : maps.get(s));
            if (magnitudePrior) {
                measurement = measurement.multiCoil() && narrowCentre(masks.get(s), height, width)
                        ? measurement.underPhaseOf(senseEstimate(measurement, cancel), SENSE_PHASE_FRACTION)
                        : measurement.underCalibrationPhase();
            }
            operators[s] = measurement.operator();
            complexOperators[s] = measurement.complexOperator();
            scales[s] = measurement.scale();
            System.arraycopy(measurement.data(), 0, y, offset, measurement.data().length);
            offset += measurement.data().length;
            noiseVariance += measurement.noiseVariance(noiseSigma);
        }
        return new Problem(operators, complexOperators, scales, y, noiseVariance, magnitudePrior, height, width);
    }

    static SamplingResult sample(Problem problem, Denoiser prior, DiffusionSettings settings, ProgressListener progress,
            CancelToken cancel) {
        float[] estimate = settings.warmStart()
                ? warmStartEstimate(problem.operators(), problem.y(), problem.height(), problem.width(),
                        problem.magnitudePrior() ? 1 : 2, cancel)
                : null;
        return sample(problem, prior, settings, estimate, progress, cancel);
    }

    static SamplingResult sample(Problem problem, Denoiser prior, DiffusionSettings settings, float[] estimate,
            ProgressListener progress, CancelToken cancel) {
        return sample(problem, prior, settings, estimate, 0, progress, cancel);
    }

    static SamplingResult sample(Problem problem, Denoiser prior, DiffusionSettings settings, float[] estimate,
            double throughPlaneTv, ProgressListener progress, CancelToken cancel) {
        int slices = problem.slices();
        LinearOperator operator = slices == 1 ? problem.operators()[0] : new BlockDiagonal(problem.operators());
        Denoiser network = network(prior, slices);
        float[] y = problem.y();
        int iterations = Math.max(1, settings.cgIterations());
        Measurement measurement = new Measurement(operator, y, Math.sqrt(problem.noiseVariance() / y.length), null);
        DataConsistency consistency = stepConsistency(problem.magnitudePrior(), iterations, problem.noiseVariance());
        DataConsistency finalConsistency = null;
        if (throughPlaneTv > 0 && slices > 1) {
            // (For the default CG this also stands in for the final correction's CG, with the steps' iterations.)
            DataConsistency inner = consistency != null ? consistency : CgDataConsistency.normalEquations(iterations);
            int values = (problem.magnitudePrior() ? 1 : 2) * problem.height() * problem.width();
            consistency = new ThroughPlaneTv(inner, slices, values, problem.scales(), throughPlaneTv);
        } else if (problem.magnitudePrior() && problem.noiseVariance() > 0) {
            finalConsistency = phaseReleased(problem, iterations);
        }
        return DiffusionReconstruction.sample(network, measurement, slices * problem.height(), problem.width(),
                settings, consistency, finalConsistency, estimate, progress, cancel);
    }

    /**
     * The prior as the sampler calls it: a network prior sees each slice in an orientation that varies from step
     * to step ({@link DihedralDenoiser}; an analytic prior of given images is called as it is), all slices in one
     * batch. Validation (40 cases, {@code universal-grey-128}, Δ
     * against the best tuned classical method): {@code auto} +2.39 / −0.12 → +2.50 / −0.17 dB, every setting the
     * same or higher; diffusion alone +2.20 / −1.86 → +2.34 / −1.88. Test (56 cases, reported, not chosen on):
     * {@code auto} +1.62 / −0.45 → +1.66 / −0.52. The turn is per slice, so square slices of a volume get all eight
     * symmetries.
     */
    public static Denoiser network(Denoiser prior, int slices) {
        Denoiser turned = prior.dihedralInvariant() && !(prior instanceof DihedralDenoiser)
                ? new DihedralDenoiser(prior)
                : prior;
        return slices == 1 ? turned : new SliceBatchedDenoiser(turned, slices);
    }

    /**
     * The final data consistency of a magnitude prior with a known noise level: CGLS on the complex image,
     * started at e^{iφ} m and stopped at the noise level (discrepancy principle), then projected back onto the
     * phase, Re(e^{−iφ} x). Where the estimated phase is wrong, no real image under it reaches the data, so the
     * steps' real-space CG stops short of the noise level (and more of its iterations amplify the mismatch: 30
     * final iterations cost EPI validation tiles up to 7 dB); in the complex image the mismatch goes into the part
     * across the phase, which the projection drops. Where the real image already fits the data to the noise level
     * this changes nothing. Validation, 8 coils (10 cases, diffusion alone, Δ against the best tuned classical
     * method): Colin27 and CT unchanged, EPI subject A 2-D Poisson R = 8 −2.49 / −3.25 → −0.13 / −0.60 dB, 1-D R
     * = 8 +1.44 / −0.07 → +1.66 / +0.14; the same complex step at every step instead lost 0.2–0.8 dB elsewhere.
     */
    static DataConsistency phaseReleased(Problem problem, int iterations) {
        int slices = problem.slices();
        LinearOperator complex = slices == 1 ? problem.complexOperators()[0]
                : new BlockDiagonal(problem.complexOperators());
        int pixels = problem.height() * problem.width();
        return (x0, measurement, alpha, sigma) -> {
            float[] z = new float[2 * x0.length];
            for (int s = 0; s < slices; s++) {
                float[] part = ((PhaseConstrained) problem.operators()[s])
                        .toComplex(Arrays.copyOfRange(x0, s * pixels, (s + 1) * pixels));
                System.arraycopy(part, 0, z, 2 * s * pixels, part.length);
            }
            ConjugateGradient.leastSquares(complex, measurement.y(), z, iterations,
                    DiffusionReconstruction.DISCREPANCY_TAU * measurement.noiseNorm());
            for (int s = 0; s < slices; s++) {
                float[] real = ((PhaseConstrained) problem.operators()[s])
                        .alongPhase(Arrays.copyOfRange(z, 2 * s * pixels, 2 * (s + 1) * pixels));
                System.arraycopy(real, 0, x0, s * pixels, pixels);
            }
        };
    }

    /** Whether the mask's calibration centre is narrower than {@link #SENSE_PHASE_BELOW_CENTRE} in either direction. */
    static boolean narrowCentre(float[] mask, int height, int width) {
        int[] half = CalibrationCentre.halfSizes(mask, height, width);
        return Math.min((2.0 * half[0] + 1) / height, (2.0 * half[1] + 1) / width) < SENSE_PHASE_BELOW_CENTRE;
    }

    /** CG-SENSE of all coils with its validation-chosen defaults: the complex image whose phase a magnitude prior uses. */
    private static float[] senseEstimate(MriMeasurement measurement, CancelToken cancel) {
        MriReconstruction.Request request = new MriReconstruction.Request(measurement.kspace(), measurement.mask(),
                measurement.maps(), MriReconstruction.Method.CG_SENSE, Double.NaN, 0, 0);
        return MriReconstruction.run(request, ProgressListener.NONE, cancel).complexImage();
    }

    /**
     * The MRI data-consistency step: with known noise, CGLS stopped at the noise level (discrepancy principle);
     * under an estimated phase the data are not exactly reachable by a real image, and the normal equations would
     * amplify that mismatch along the small singular values of the restricted operator, so the proximal step,
     * whose weight γ bounds the amplification; otherwise null, meaning CG on the normal equations (the default of
     * {@link DiffusionReconstruction}).
     *
     * @param noiseVariance the noise variance summed over the sampled values, normalised; 0 when unknown
     */
    public static CgDataConsistency stepConsistency(boolean estimatedPhase, int iterations, double noiseVariance) {
        if (noiseVariance > 0) {
            return CgDataConsistency.discrepancy(iterations, DiffusionReconstruction.DISCREPANCY_TAU);
        }
        return estimatedPhase ? CgDataConsistency.proximal(iterations, PHASE_GAMMA) : null;
    }

    static List<DiffusionOutput> outputs(Problem problem, SamplingResult result, double seconds) {
        int slices = problem.slices();
        int pixels = problem.height() * problem.width();
        boolean magnitudePrior = problem.magnitudePrior();
        int channels = magnitudePrior ? 1 : 2;
        List<DiffusionOutput> outputs = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            float[][] magnitudes = new float[result.samples().length][];
            for (int k = 0; k < magnitudes.length; k++) {
                magnitudes[k] = magnitude(result.samples()[k], s * channels * pixels, pixels, magnitudePrior,
                        problem.scales()[s]);
            }
            float[] mean = magnitude(result.mean(), s * channels * pixels, pixels, magnitudePrior, problem.scales()[s]);
            outputs.add(new DiffusionOutput(problem.width(), problem.height(), mean, SampleStatistics.std(magnitudes),
                    magnitudes, result.networkEvaluations(), seconds / slices));
        }
        return outputs;
    }

    /**
     * The classical reconstruction a warm start begins from: TV (Chambolle–Pock) of each slice under the
     * prior's own operator, i.e. a real image under the calibration phase for a magnitude prior (BART's
     * real-value constraint {@code pics -c} generalised to a known phase) or a complex image for a complex
     * prior. In normalised units; slices stacked along the rows like the sampler's images.
     */
    static float[] warmStartEstimate(LinearOperator[] operators, float[] y, int height, int width, int channels,
            CancelToken cancel) {
        return tv(operators, y, height, width, channels, WARM_START_TV_LAMBDA, cancel);
    }

    /** TV of each slice with weight λ (relative to the normalised image), in the prior's space. */
    static float[] tv(LinearOperator[] operators, float[] y, int height, int width, int channels, double lambda,
            CancelToken cancel) {
        int pixels = channels * height * width;
        float[] estimate = new float[operators.length * pixels];
        for (int s = 0, offset = 0; s < operators.length; offset += operators[s].outputSize(), s++) {
            float[] slice = Arrays.copyOfRange(y, offset, offset + operators[s].outputSize());
            float[] tv = new ChambollePock(operators[s], width, height, channels, MriReconstruction.tvStepRatio(lambda))
                    .solve(slice, lambda, WARM_START_TV_ITERATIONS, false, null, ProgressListener.NONE, cancel);
            System.arraycopy(tv, 0, estimate, s * pixels, pixels);
        }
        return estimate;
    }

    /** |x| of one slice of a real or interleaved complex image, in the input's units. */
    private static float[] magnitude(float[] image, int offset, int pixels, boolean real, double scale) {
        float[] out = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            double value = real ? Math.abs(image[offset + i])
                    : Math.hypot(image[offset + 2 * i], image[offset + 2 * i + 1]);
            out[i] = (float) (value * scale);
        }
        return out;
    }
}
