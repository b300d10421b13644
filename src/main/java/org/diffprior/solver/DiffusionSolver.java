package org.diffprior.solver;

import java.util.Arrays;
import java.util.Random;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.physics.LinearOperator;
import org.diffprior.prior.Denoiser;

/**
 * Diffusion posterior sampling for y = A x + n with any {@link LinearOperator} and any {@link Denoiser}:
 * K particles run as one batch (one denoiser call per step for all of them), each step being
 * Tweedie estimate → step hook → data consistency → update ({@link SamplerMethod}). DDS is
 * {@code DDIM + CgDataConsistency}, DDNM is {@code DDIM + ProjectionDataConsistency}, RED-diff is its
 * own method; with no measurement (or a denoiser that already conditions on y) it is plain sampling.
 * Random numbers come from one stream per particle seeded by (seed, particle), so a run is reproducible
 * and particle k does not depend on how many particles run beside it.
 *
 * <pre>{@code
 * SamplingRequest request = SamplingRequest.builder(h, w).particles(8).steps(50).eta(0.5)
 *         .measurement(new Measurement(op, y, 0.01, null)).dataConsistency(CgDataConsistency.auto(5, 1)).build();
 * SamplingResult result = DiffusionSolver.run(denoiser, request, progress, cancel);
 * }</pre>
 */
public final class DiffusionSolver {

    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.99;
    private static final double ADAM_EPSILON = 1e-8;

    private DiffusionSolver() {
    }

    /** Runs without progress reports and without cancellation. */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request) {
        return run(denoiser, request, ProgressListener.NONE, CancelToken.none());
    }

    /**
     * Runs the request; checks {@code cancel} before every network evaluation and reports one progress
     * unit per evaluation.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static SamplingResult run(Denoiser denoiser, SamplingRequest request, ProgressListener progress,
            CancelToken cancel) {
        long start = System.nanoTime();
        int size = denoiser.channels() * request.height() * request.width();
        checkSizes(request, size);
        Random[] randoms = new Random[request.particles()];
        for (int k = 0; k < randoms.length; k++) {
            randoms[k] = new Random(particleSeed(request.seed(), k));
        }
        double[] times = request.timeGrid().times(request.schedule(), request.steps(), request.startTime());
        Run run = new Run(denoiser, request, size, randoms, times, progress, cancel);
        float[][] samples = request.method() == SamplerMethod.RED_DIFF ? run.redDiff() : run.sample();
        Measurement last = run.measurement;
        if (last != null && request.finalConsistency() != DataConsistency.NONE) {
            for (float[] sample : samples) {
                request.finalConsistency().apply(sample, last, 1.0, 0.0);
            }
        }
        return SamplingResult.of(request.height(), request.width(), denoiser.channels(), samples, run.evaluations,
                (System.nanoTime() - start) * 1e-9);
    }

    /** Seed of particle k's stream: a SplitMix64 mix, so neighbouring seeds give unrelated streams. */
    static long particleSeed(long seed, int particle) {
        long z = seed + 0x9E3779B97F4A7C15L * (particle + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkSizes(SamplingRequest request, int size) {
        Measurement m = request.measurement();
        if (m != null && m.operator().inputSize() != size) {
            throw new InvalidInputException("the measurement operator expects images of " + m.operator().inputSize()
                    + " values but the denoiser's images have " + size + "; check image size and channels");
        }
        if (request.warmStart() != null && request.warmStart().length != size) {
            throw new InvalidInputException("the warm-start estimate has " + request.warmStart().length
                    + " values, expected " + size);
        }
        if (request.initialState() != null) {
            for (float[] x : request.initialState()) {
                if (x.length != size) {
                    throw new InvalidInputException("an initial state has " + x.length + " values, expected " + size);
                }
            }
        }
    }

    /** State of one run. */
    private static final class Run {
        private final Denoiser denoiser;
        private final SamplingRequest request;
        private final int size;
        private final Random[] randoms;
        private final double[] times;
        private final ProgressListener progress;
        private final CancelToken cancel;
        private final NoiseSchedule schedule;
        private Measurement measurement;
        private int evaluations;

        Run(Denoiser denoiser, SamplingRequest request, int size, Random[] randoms, double[] times,
                ProgressListener progress, CancelToken cancel) {
            this.denoiser = denoiser;
            this.request = request;
            this.size = size;
            this.randoms = randoms;
            this.times = times;
            this.progress = progress;
            this.cancel = cancel;
            this.schedule = request.schedule();
            this.measurement = request.measurement();
        }

        /** One batched denoiser call, then the hook and the data consistency; returns {raw, corrected}. */
        private float[][][] evaluate(float[][] x, int step) {
            cancel.check();
            double t = times[step];
            double alpha = schedule.alpha(t);
            double sigma = schedule.sigma(t);
            float[][] raw = denoise(x, alpha, sigma);
            measurement = request.stepHook().onStep(new StepHook.StepState(step, times.length, t, alpha, sigma, raw,
                    measurement));
            float[][] corrected = raw;
            DataConsistency dc = request.dataConsistency();
            if (dc != DataConsistency.NONE && measurement != null && request.method() != SamplerMethod.RED_DIFF) {
                corrected = new float[raw.length][];
                for (int k = 0; k < raw.length; k++) {
                    corrected[k] = raw[k].clone();
                    dc.apply(corrected[k], measurement, alpha, sigma);
                }
            }
            progress.progress(step + 1, times.length, request.method() + " step " + (step + 1) + "/" + times.length);
            return new float[][][] {raw, corrected};
        }

        private float[][] denoise(float[][] x, double alpha, double sigma) {
            double[] alphas = new double[x.length];
            double[] sigmas = new double[x.length];
            Arrays.fill(alphas, alpha);
            Arrays.fill(sigmas, sigma);
            float[][] out = denoiser.denoise(x, request.height(), request.width(), alphas, sigmas);
            evaluations++;
            if (out.length != x.length || out[0].length != size) {
                throw new IllegalStateException("denoiser returned a batch of the wrong shape");
            }
            return out;
        }

        private float[][] initialNoise() {
            float[][] x = new float[randoms.length][];
            for (int k = 0; k < x.length; k++) {
                if (request.initialState() != null) {
                    x[k] = request.initialState()[k].clone();
                } else if (request.warmStart() != null) {
                    float[] estimate = request.warmStart();
                    double alpha = schedule.alpha(times[0]);
                    double sigma = schedule.sigma(times[0]);
                    x[k] = new float[size];
                    for (int i = 0; i < size; i++) {
                        x[k][i] = (float) (alpha * estimate[i] + sigma * randoms[k].nextGaussian());
                    }
                } else {
                    x[k] = new float[size];
                    for (int i = 0; i < size; i++) {
                        x[k][i] = (float) randoms[k].nextGaussian();
                    }
                }
            }
            return x;
        }

        float[][] sample() {
            float[][] x = initialNoise();
            int steps = times.length;
            float[][] previousD = null; // corrected x0 estimate of the previous step (multistep methods)
            float[][] previousX = null; // state at the previous time (UniPC corrector)
            float[][] olderD = null;
            for (int i = 0; i < steps; i++) {
                float[][][] estimates = evaluate(x, i);
                float[][] raw = estimates[0];
                float[][] d = estimates[1];
                if (request.method() == SamplerMethod.UNIPC && i > 0 && i < steps - 1) {
                    int order = olderD == null ? 1 : 2;
                    x = uniPcCorrect(previousX, previousD, olderD, d, i - 1, i, order);
                }
                if (i == steps - 1) {
                    return d;
                }
                double alphaT = schedule.alpha(times[i]);
                double sigmaT = schedule.sigma(times[i]);
                double alphaS = schedule.alpha(times[i + 1]);
                double sigmaS = schedule.sigma(times[i + 1]);
                int odeSteps = steps - 1;
                boolean finalStep = i == steps - 2;
                int order = previousD == null || (request.lowerOrderFinal() && odeSteps < 10 && finalStep) ? 1 : 2;
                float[][] next = switch (request.method()) {
                    case DDIM -> ddim(x, raw, d, alphaT, sigmaT, alphaS, sigmaS, false);
                    case ANCESTRAL -> ddim(x, raw, d, alphaT, sigmaT, alphaS, sigmaS, true);
                    case DPM_SOLVER_2M, UNIPC -> multistep(x, d, order == 2 ? previousD : null, i, order);
                    case RED_DIFF -> throw new IllegalStateException("RED-diff is not a sampler");
                };
                olderD = previousD;
                previousD = d;
                previousX = x;
                x = next;
            }
            throw new IllegalStateException("unreachable");
        }

        /** DDIM / ancestral update using ε̂ of the network's (uncorrected) estimate, as DDS and DDNM do. */
        private float[][] ddim(float[][] x, float[][] raw, float[][] d, double alphaT, double sigmaT, double alphaS,
                double sigmaS, boolean ancestral) {
            double fresh;
            double kept;
            if (ancestral) {
                double ratio = (alphaT * alphaT) / (alphaS * alphaS);
                fresh = sigmaS / sigmaT * Math.sqrt(Math.max(0, 1 - ratio));
                kept = Math.sqrt(Math.max(0, sigmaS * sigmaS - fresh * fresh));
            } else {
                double eta = request.eta();
                fresh = eta * sigmaS;
                kept = Math.sqrt(1 - eta * eta) * sigmaS;
            }
            float[][] next = new float[x.length][size];
            for (int k = 0; k < x.length; k++) {
                for (int i = 0; i < size; i++) {
                    double eps = (x[k][i] - alphaT * raw[k][i]) / sigmaT;
                    double z = fresh > 0 ? randoms[k].nextGaussian() : 0;
                    next[k][i] = (float) (alphaS * d[k][i] + kept * eps + fresh * z);
                }
            }
            return next;
        }

        /**
         * DPM-Solver++ (2M) step from times[i] to times[i+1] in data prediction; for UniPC the same
         * predictor (B(h) = e^{−h} − 1 with a = ½ makes UniP-2 identical to 2M).
         */
        private float[][] multistep(float[][] x, float[][] d, float[][] previousD, int i, int order) {
            double lambdaS = schedule.logSnr(times[i]);
            double lambdaT = schedule.logSnr(times[i + 1]);
            double h = lambdaT - lambdaS;
            double sigmaRatio = schedule.sigma(times[i + 1]) / schedule.sigma(times[i]);
            double alphaT = schedule.alpha(times[i + 1]);
            double phi = Math.expm1(-h); // e^{−h} − 1 < 0
            double r0 = 0;
            if (order == 2) {
                r0 = (lambdaS - schedule.logSnr(times[i - 1])) / h;
            }
            float[][] next = new float[x.length][size];
            for (int k = 0; k < x.length; k++) {
                for (int j = 0; j < size; j++) {
                    double value = sigmaRatio * x[k][j] - alphaT * phi * d[k][j];
                    if (order == 2) {
                        double d1 = (d[k][j] - previousD[k][j]) / r0;
                        value -= 0.5 * alphaT * phi * d1;
                    }
                    next[k][j] = (float) value;
                }
            }
            return next;
        }

        /**
         * UniC corrector: recomputes the state at times[t] from the state at times[s] with the new
         * evaluation dT included (order 1: ½(dT − dS); order 2: coefficients from R a = b).
         */
        private float[][] uniPcCorrect(float[][] xS, float[][] dS, float[][] dOlder, float[][] dT, int s, int t,
                int order) {
            double lambdaS = schedule.logSnr(times[s]);
            double lambdaT = schedule.logSnr(times[t]);
            double h = lambdaT - lambdaS;
            double hh = -h;
            double hPhi1 = Math.expm1(hh);
            double bh = hPhi1;
            double sigmaRatio = schedule.sigma(times[t]) / schedule.sigma(times[s]);
            double alphaT = schedule.alpha(times[t]);
            double rOlder = 0;
            double rhoOlder = 0;
            double rhoNew;
            if (order == 1) {
                rhoNew = 0.5;
            } else {
                rOlder = (schedule.logSnr(times[s - 1]) - lambdaS) / h;
                double hPhiK = hPhi1 / hh - 1;
                double b1 = hPhiK / bh;
                hPhiK = hPhiK / hh - 0.5;
                double b2 = hPhiK * 2 / bh;
                // R = [[1, 1], [rOlder, 1]], solve R (rhoOlder, rhoNew) = (b1, b2).
                rhoOlder = (b1 - b2) / (1 - rOlder);
                rhoNew = b1 - rhoOlder;
            }
            float[][] corrected = new float[xS.length][size];
            for (int k = 0; k < xS.length; k++) {
                for (int j = 0; j < size; j++) {
                    double value = sigmaRatio * xS[k][j] - alphaT * hPhi1 * dS[k][j];
                    double sum = rhoNew * (dT[k][j] - dS[k][j]);
                    if (order == 2) {
                        sum += rhoOlder * (dOlder[k][j] - dS[k][j]) / rOlder;
                    }
                    corrected[k][j] = (float) (value - alphaT * bh * sum);
                }
            }
            return corrected;
        }

        /** RED-diff: Adam on μ with gradient w·Aᴴ(Aμ − y) + λ(μ − x̂0(αμ + σε)). */
        float[][] redDiff() {
            int particles = randoms.length;
            float[][] mu = new float[particles][];
            for (int k = 0; k < particles; k++) {
                if (request.initialState() != null) {
                    mu[k] = request.initialState()[k].clone();
                } else if (request.warmStart() != null) {
                    mu[k] = request.warmStart().clone();
                } else if (measurement == null) {
                    mu[k] = new float[size];
                } else if (measurement.hasPseudoInverse()) {
                    mu[k] = measurement.pseudoInverseOfData();
                } else {
                    mu[k] = measurement.adjointOfData();
                }
            }
            double[][] firstMoment = new double[particles][size];
            double[][] secondMoment = new double[particles][size];
            double lr = request.learningRate();
            double lambda = request.regularizationWeight();
            double w = request.dataWeight();
            float[][] xt = new float[particles][size];
            for (int i = 0; i < times.length; i++) {
                double alpha = schedule.alpha(times[i]);
                double sigma = schedule.sigma(times[i]);
                for (int k = 0; k < particles; k++) {
                    for (int j = 0; j < size; j++) {
                        xt[k][j] = (float) (alpha * mu[k][j] + sigma * randoms[k].nextGaussian());
                    }
                }
                float[][] x0 = evaluate(xt, i)[0];
                int step = i + 1;
                double correction1 = 1 - Math.pow(ADAM_BETA1, step);
                double correction2 = 1 - Math.pow(ADAM_BETA2, step);
                for (int k = 0; k < particles; k++) {
                    float[] dataGradient = dataGradient(mu[k]);
                    for (int j = 0; j < size; j++) {
                        double g = w * dataGradient[j] + lambda * (mu[k][j] - x0[k][j]);
                        firstMoment[k][j] = ADAM_BETA1 * firstMoment[k][j] + (1 - ADAM_BETA1) * g;
                        secondMoment[k][j] = ADAM_BETA2 * secondMoment[k][j] + (1 - ADAM_BETA2) * g * g;
                        double mHat = firstMoment[k][j] / correction1;
                        double vHat = secondMoment[k][j] / correction2;
                        mu[k][j] -= (float) (lr * mHat / (Math.sqrt(vHat) + ADAM_EPSILON));
                    }
                }
            }
            return mu;
        }

        /** Aᴴ(Aμ − y), or zero without measurement. */
        private float[] dataGradient(float[] mu) {
            float[] gradient = new float[size];
            if (measurement == null) {
                return gradient;
            }
            LinearOperator a = measurement.operator();
            float[] residual = new float[a.outputSize()];
            a.apply(mu, residual);
            float[] y = measurement.y();
            for (int i = 0; i < residual.length; i++) {
                residual[i] -= y[i];
            }
            a.adjoint(residual, gradient);
            return gradient;
        }
    }
}
