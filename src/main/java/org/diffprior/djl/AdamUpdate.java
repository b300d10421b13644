package org.diffprior.djl;

import java.util.Map;

import org.diffprior.core.Adam;

/**
 * One optimiser update of a {@link PriorTrainer.State}: Adam with linear warm-up of the learning rate,
 * clipping of the global gradient norm to {@code options.gradientClipNorm()}, and the EMA weights, whose
 * decay ramps up as (1 + step) / (10 + step) so that early EMA weights do not stay near the random start.
 * It also decides what a non-finite gradient means: a rare bad batch is skipped, a repeat is divergence.
 *
 * <pre>{@code
 * Map<String, float[]> gradients = new LinkedHashMap<>();
 * float loss = PriorTrainer.lossAndGradients(net, state.parameters, batch, base, gradients);
 * AdamUpdate.apply(options, state, gradients, loss);
 * }</pre>
 */
final class AdamUpdate {

    /** Updates skipped in a row for a non-finite gradient before training stops as diverged. */
    static final int MAX_CONSECUTIVE_SKIPPED_STEPS = 3;
    private static final Adam ADAM = new Adam(0.9, 0.999, 1e-8);

    private AdamUpdate() {
    }

    /**
     * Updates {@code state} in place with {@code gradients} (by parameter name) of a batch whose loss was
     * {@code loss}, or skips the update; throws {@link PriorTrainer.DivergedException} before changing
     * anything when training has diverged, so the state stays the last finite one.
     */
    static void apply(TrainingOptions options, PriorTrainer.State state, Map<String, float[]> gradients, float loss) {
        double squaredNorm = 0;
        for (float[] g : gradients.values()) {
            for (float value : g) {
                squaredNorm += value * (double) value;
            }
        }
        if (Float.isFinite(loss) && !Double.isFinite(squaredNorm)
                && state.consecutiveSkips < MAX_CONSECUTIVE_SKIPPED_STEPS) {
            // A finite loss with a non-finite gradient has been seen rarely on these CPUs (oneDNN); one bad
            // batch should not end a long run, so skip its update; a repeat means real divergence.
            state.consecutiveSkips++;
            state.skippedSteps++;
            System.err.println("diffprior train: step " + (state.step + 1) + " skipped (non-finite gradient, loss "
                    + loss + ")");
            return;
        }
        if (!Float.isFinite(loss) || !Double.isFinite(squaredNorm)) {
            throw new PriorTrainer.DivergedException("training diverged at step " + (state.step + 1) + " (loss " + loss
                    + ", gradient norm " + Math.sqrt(squaredNorm) + "); no model was saved. Resume from the last "
                    + "checkpoint with a lower learning rate, or run with DNNL_MAX_CPU_ISA=SSE41");
        }
        state.consecutiveSkips = 0;
        double norm = Math.sqrt(squaredNorm);
        double clip = norm > options.gradientClipNorm() ? options.gradientClipNorm() / norm : 1.0;
        int t = state.step + 1;
        double rate = options.learningRate() * Math.min(1.0, t / (double) Math.max(1, options.warmupSteps()));
        Adam.Step adam = ADAM.step(t, rate);
        double decay = Math.min(options.emaDecay(), (1.0 + state.step) / (10.0 + state.step));
        for (Map.Entry<String, float[]> e : gradients.entrySet()) {
            float[] g = e.getValue();
            float[] p = state.parameters.get(e.getKey());
            float[] m = state.firstMoment.get(e.getKey());
            float[] v = state.secondMoment.get(e.getKey());
            float[] ema = state.ema.get(e.getKey());
            for (int i = 0; i < g.length; i++) {
                double gi = g[i] * clip;
                m[i] = (float) adam.firstMoment(m[i], gi);
                v[i] = (float) adam.secondMoment(v[i], gi);
                p[i] -= (float) adam.change(m[i], v[i]);
                ema[i] = (float) (decay * ema[i] + (1 - decay) * p[i]);
            }
        }
    }
}
