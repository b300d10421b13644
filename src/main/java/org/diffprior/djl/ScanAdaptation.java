package org.diffprior.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.diffprior.core.Adam;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;

/**
 * Test-time adaptation of a prior to one scan: a few Adam steps on all network weights that lower a task's data
 * term, without ground truth. Each step noises reference images (reconstructions the task made from part of its
 * data) at random levels, runs the network as {@link DjlDenoiser} would, and lets the task score the x0 estimates
 * on data the references did not use (held-out k-space, as in self-validation, algorithms.md §9.3). This adapts
 * the weights before sampling, once per scan or volume (algorithms.md §9.2 adapts during sampling instead). The task returns the gradient of its loss with respect to the estimates; the chain rule
 * through the network is the engine's (a vector–Jacobian product), so the task's operators stay in Java.
 *
 * <pre>{@code
 * ScanAdaptation.Result r = ScanAdaptation.adapt(model, references, 128, 128, objective,
 *         ScanAdaptation.Settings.defaults(20), seed, ProgressListener.NONE, CancelToken.none());
 * Denoiser adapted = new DjlDenoiser(r.model());
 * }</pre>
 */
public final class ScanAdaptation {

    private static final Adam ADAM = new Adam(0.9, 0.999, 1e-8);

    /**
     * @param steps Adam steps (0 leaves the prior as it is)
     * @param learningRate Adam's step size on the weights
     * @param batch noisy references per step
     * @param minNoise smallest noise level σ/α drawn (log-uniform), in the caller's units
     * @param maxNoise largest noise level σ/α drawn
     * @param normsOnly adapt only the group norms' scales and shifts (about 1 % of the weights), not all weights
     */
    public record Settings(int steps, double learningRate, int batch, double minNoise, double maxNoise,
            boolean normsOnly) {

        /** Most adaptation steps. */
        public static final int MAX_STEPS = 1000;
        public static final double DEFAULT_LEARNING_RATE = 1e-4;
        public static final int DEFAULT_BATCH = 2;
        public static final double DEFAULT_MIN_NOISE = 0.02;
        public static final double DEFAULT_MAX_NOISE = 1;
        public static final boolean DEFAULT_NORMS_ONLY = false;

        public Settings {
            if (steps < 0 || steps > MAX_STEPS) {
                throw InvalidInputException.of("adapt_steps",
                        "{adapt_steps} must lie in 0.." + MAX_STEPS + ", got " + steps);
            }
            if (!(learningRate > 0 && learningRate < 1) || batch < 1
                    || !(minNoise > 0 && maxNoise >= minNoise && Double.isFinite(maxNoise))) {
                throw new IllegalArgumentException("adaptation needs a rate in (0, 1), batch >= 1 and 0 < minNoise "
                        + "<= maxNoise, got " + learningRate + ", " + batch + ", " + minNoise + ", " + maxNoise);
            }
        }

        /** {@code steps} steps at the default rate, batch and noise range. */
        public static Settings defaults(int steps) {
            return new Settings(steps, DEFAULT_LEARNING_RATE, DEFAULT_BATCH, DEFAULT_MIN_NOISE, DEFAULT_MAX_NOISE,
                    DEFAULT_NORMS_ONLY);
        }
    }

    /** A task's data term on x0 estimates. */
    public interface Objective {
        /**
         * The loss of the estimates {@code x0[b]} (caller units, channels interleaved, as {@link DjlDenoiser}
         * returns them) of the references {@code references[b]}; fills {@code gradient[b]} with its gradient with
         * respect to {@code x0[b]}.
         */
        double lossAndGradient(float[][] x0, int[] references, float[][] gradient);
    }

    /** The adapted prior (in memory) and the loss of every step, before that step's update. */
    public record Result(PriorModel model, double[] losses) {
    }

    private ScanAdaptation() {
    }

    /**
     * Adapts a copy of {@code model}'s weights; {@code model} itself is not changed.
     *
     * @param references images in the caller's units (channels interleaved); step k's batch uses references
     *        k·batch, k·batch + 1, … cyclically
     */
    public static Result adapt(PriorModel model, float[][] references, int height, int width, Objective objective,
            Settings settings, long seed, ProgressListener progress, CancelToken cancel) {
        UNet net = model.net();
        if (net == null) {
            throw InvalidInputException.of("adapt_steps", "{adapt_steps} needs a prior trained by DiffPrior; "
                    + model.source() + " is a TorchScript module, whose weights cannot be adapted; set it to 0");
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, float[]> firstMoment = new LinkedHashMap<>();
        Map<String, float[]> secondMoment = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : model.weights().entrySet()) {
            weights.put(e.getKey(), e.getValue().clone());
            firstMoment.put(e.getKey(), new float[e.getValue().length]);
            secondMoment.put(e.getKey(), new float[e.getValue().length]);
        }
        double[] losses = new double[settings.steps()];
        EngineBootstrap.start();
        EngineBootstrap.call(() -> {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 41);
            try (NDManager base = NDManager.newBaseManager(EngineBootstrap.device())) {
                for (int step = 0; step < settings.steps(); step++) {
                    cancel.check();
                    Map<String, float[]> gradients = new LinkedHashMap<>();
                    losses[step] = lossAndGradients(model, weights, references, height, width, objective, settings,
                            step, random, base, gradients);
                    update(weights, firstMoment, secondMoment, gradients, step + 1, settings.learningRate(),
                            losses[step]);
                    progress.progress(step + 1, settings.steps(),
                            String.format(java.util.Locale.ROOT, "adapting the prior, data loss %.4g", losses[step]));
                }
            }
            return null;
        });
        return new Result(PriorModel.of(model.card(), weights), losses);
    }

    /** One step's batch: its loss under {@code weights}, and their gradients (by parameter name). */
    static double lossAndGradients(PriorModel model, Map<String, float[]> weights, float[][] references, int height,
            int width, Objective objective, Settings settings, int step, SplittableRandom random, NDManager base,
            Map<String, float[]> gradients) {
        int batch = settings.batch();
        int[] chosen = new int[batch];
        float[][] noisy = new float[batch][];
        double[] alpha = new double[batch];
        double[] sigma = new double[batch];
        double logMin = Math.log(settings.minNoise());
        double logMax = Math.log(settings.maxNoise());
        for (int b = 0; b < batch; b++) {
            chosen[b] = (step * batch + b) % references.length;
            double ratio = Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            alpha[b] = 1 / Math.sqrt(1 + ratio * ratio);
            sigma[b] = ratio * alpha[b];
            float[] reference = references[chosen[b]];
            noisy[b] = new float[reference.length];
            for (int i = 0; i < reference.length; i++) {
                noisy[b][i] = (float) (alpha[b] * reference[i] + sigma[b] * random.nextGaussian());
            }
        }
        DjlDenoiser.Chunk chunk = DjlDenoiser.Chunk.of(model, noisy, height, width, alpha, sigma, 0, batch);
        UNet net = model.net();
        try (NDManager call = base.newSubManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : net.parameterShapes().entrySet()) {
                NDArray p = call.create(weights.get(e.getKey()), new Shape(e.getValue()));
                p.setRequiresGradient(adapted(e.getKey(), settings));
                arrays.put(e.getKey(), p);
            }
            int features = 2 * net.config().embeddingFrequencies();
            float[] embedding = new float[batch * features];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(net.embeddingFeatures(chunk.logSnr()[b]), 0, embedding, b * features, features);
            }
            NDArray x = call.create(chunk.input(), chunk.shape());
            NDArray e = call.create(embedding, new Shape(batch, features));
            try (GradientCollector collector = call.getEngine().newGradientCollector()) {
                NDArray out = net.forward(arrays::get, x, e);
                float[] output = out.toFloatArray();
                float[][] x0 = new float[batch][];
                float[][] gradient = new float[batch][];
                for (int b = 0; b < batch; b++) {
                    x0[b] = chunk.estimate(output, b);
                    gradient[b] = new float[x0[b].length];
                }
                double loss = objective.lossAndGradient(x0, chosen, gradient);
                // d loss / d θ = Jᵀ (d loss / d out): the gradient of ⟨out, w⟩ with w held constant.
                NDArray w = call.create(chunk.outputGradient(gradient), chunk.shape());
                collector.backward(out.mul(w).sum());
                for (Map.Entry<String, NDArray> p : arrays.entrySet()) {
                    if (adapted(p.getKey(), settings)) {
                        gradients.put(p.getKey(), p.getValue().getGradient().toFloatArray());
                    }
                }
                return loss;
            }
        }
    }

    /** Whether the weight {@code name} is adapted under {@code settings}. */
    static boolean adapted(String name, Settings settings) {
        return !settings.normsOnly() || name.contains(".gn");
    }

    private static void update(Map<String, float[]> weights, Map<String, float[]> firstMoment,
            Map<String, float[]> secondMoment, Map<String, float[]> gradients, int t, double rate, double loss) {
        for (float[] g : gradients.values()) {
            for (float value : g) {
                if (!Float.isFinite(value) || !Double.isFinite(loss)) {
                    throw new IllegalStateException("prior adaptation diverged at step " + t + " (loss " + loss
                            + "); run without adaptation or with a lower rate");
                }
            }
        }
        Adam.Step adam = ADAM.step(t, rate);
        for (Map.Entry<String, float[]> e : gradients.entrySet()) {
            float[] g = e.getValue();
            float[] p = weights.get(e.getKey());
            float[] m = firstMoment.get(e.getKey());
            float[] v = secondMoment.get(e.getKey());
            for (int i = 0; i < g.length; i++) {
                m[i] = (float) adam.firstMoment(m[i], g[i]);
                v[i] = (float) adam.secondMoment(v[i], g[i]);
                p[i] -= (float) adam.change(m[i], v[i]);
            }
        }
    }
}
