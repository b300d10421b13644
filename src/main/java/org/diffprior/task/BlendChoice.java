package org.diffprior.task;

/**
 * What self-validation ({@link MriAuto}, {@link CtAuto}) chooses from summed held-out errors: the classical
 * candidate (a method at one weight) with the least error, then the blend w·diffusion + (1 − w)·candidate whose
 * error is least, w = 0 (the candidate alone) unless a blend beats it.
 *
 * @param candidate index of the chosen classical candidate
 * @param weight diffusion's weight w in the chosen blend
 * @param error the chosen blend's summed held-out error
 */
record BlendChoice(int candidate, double weight, double error) {

    /**
     * @param classicalErrors summed held-out error of each classical candidate
     * @param blendErrors [candidate][blend] summed held-out error of each blend
     * @param blendWeights diffusion's weight in each blend
     */
    static BlendChoice of(double[] classicalErrors, double[][] blendErrors, double[] blendWeights) {
        int tv = 0;
        for (int l = 1; l < classicalErrors.length; l++) {
            tv = classicalErrors[l] < classicalErrors[tv] ? l : tv;
        }
        double weight = 0;
        double error = classicalErrors[tv];
        for (int w = 0; w < blendWeights.length; w++) {
            if (blendErrors[tv][w] < error) {
                error = blendErrors[tv][w];
                weight = blendWeights[w];
            }
        }
        return new BlendChoice(tv, weight, error);
    }

    /** w·a + (1 − w)·b. */
    static float[] blend(float[] a, float[] b, double w) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (w * a[i] + (1 - w) * b[i]);
        }
        return out;
    }
}
