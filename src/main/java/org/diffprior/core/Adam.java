package org.diffprior.core;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction: the one optimiser of RED-diff's images and of prior
 * training. The caller keeps parameters and moment estimates in its own arrays, so each keeps the precision
 * it has always used (the trainer stores float moments in its checkpoints, RED-diff double ones), and
 * applies one {@link Step} per iteration, element by element.
 *
 * <pre>{@code
 * Adam.Step step = new Adam(0.9, 0.999, 1e-8).step(t, learningRate); // t = 1, 2, ...
 * m[i] = step.firstMoment(m[i], g[i]); v[i] = step.secondMoment(v[i], g[i]);
 * p[i] -= step.change(m[i], v[i]);
 * }</pre>
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /**
     * @param beta1 decay of the first-moment (mean) estimate, in [0, 1)
     * @param beta2 decay of the second-moment estimate, in [0, 1)
     * @param epsilon added to √v̂ so that a vanishing gradient does not divide by zero
     */
    public Adam(double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta < 1 and epsilon > 0, got beta1 " + beta1
                    + ", beta2 " + beta2 + ", epsilon " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The update of iteration {@code t} (1 for the first), whose bias corrections are 1 − β1ᵗ and 1 − β2ᵗ. */
    public Step step(int t, double learningRate) {
        if (t < 1) {
            throw new IllegalArgumentException("Adam iterations count from 1, got " + t);
        }
        return new Step(learningRate, 1 - Math.pow(beta1, t), 1 - Math.pow(beta2, t));
    }

    /** One iteration's arithmetic; the moments passed in are the caller's, as stored. */
    public final class Step {
        private final double learningRate;
        private final double correction1;
        private final double correction2;

        private Step(double learningRate, double correction1, double correction2) {
            this.learningRate = learningRate;
            this.correction1 = correction1;
            this.correction2 = correction2;
        }

        /** m ← β1 m + (1 − β1) g. */
        public double firstMoment(double m, double g) {
            return beta1 * m + (1 - beta1) * g;
        }

        /** v ← β2 v + (1 − β2) g². */
        public double secondMoment(double v, double g) {
            return beta2 * v + (1 - beta2) * g * g;
        }

        /** What to subtract from the parameter, given its updated moments: rate · m̂ / (√v̂ + ε). */
        public double change(double m, double v) {
            return learningRate * (m / correction1) / (Math.sqrt(v / correction2) + epsilon);
        }
    }
}
