package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.solver.ChambollePock;
import org.diffprior.solver.ConjugateGradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChambollePockTest {

    /** y = phase · x on interleaved complex data: a unitary, genuinely complex operator. */
    private static LinearOperator phaseOperator(int pixels, double radians) {
        float c = (float) Math.cos(radians);
        float s = (float) Math.sin(radians);
        return new LinearOperator() {
            public int inputSize() {
                return 2 * pixels;
            }

            public int outputSize() {
                return 2 * pixels;
            }

            public void apply(float[] x, float[] y) {
                for (int p = 0; p < pixels; p++) {
                    y[2 * p] = c * x[2 * p] - s * x[2 * p + 1];
                    y[2 * p + 1] = s * x[2 * p] + c * x[2 * p + 1];
                }
            }

            public void adjoint(float[] y, float[] x) {
                for (int p = 0; p < pixels; p++) {
                    x[2 * p] = c * y[2 * p] + s * y[2 * p + 1];
                    x[2 * p + 1] = -s * y[2 * p] + c * y[2 * p + 1];
                }
            }
        };
    }

    /**
     * Closed form of 1-D TV denoising of a single step: plateaus of lengths n₁ and n₂ at levels a &lt; b
     * move towards each other by λ/n₁ and λ/n₂ (while λ is below the merging threshold).
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.1, 3.0})
    void denoisingAComplexStepMatchesTheClosedForm(double stepRatio) {
        int width = 16;
        double lambda = 0.5;
        double phase = 0.7;
        double rotation = 1.1;
        float[] measured = new float[2 * width];
        LinearOperator operator = phaseOperator(width, rotation);
        float[] clean = new float[2 * width];
        for (int col = 0; col < width; col++) {
            double level = col < 8 ? 0.2 : 1.2;
            clean[2 * col] = (float) (level * Math.cos(phase));
            clean[2 * col + 1] = (float) (level * Math.sin(phase));
        }
        operator.apply(clean, measured);
        float[] x = new ChambollePock(operator, width, 1, 2, stepRatio)
                .solve(measured, lambda, 20000, false, null, ProgressListener.NONE, CancelToken.none());
        for (int col = 0; col < width; col++) {
            double expected = col < 8 ? 0.2 + lambda / 8 : 1.2 - lambda / 8;
            assertEquals(expected * Math.cos(phase), x[2 * col], 1e-4, "re at " + col);
            assertEquals(expected * Math.sin(phase), x[2 * col + 1], 1e-4, "im at " + col);
        }
    }

    @Test
    void withoutRegularisationItSolvesTheLeastSquaresProblemLikeConjugateGradient() {
        // An overdetermined, full-column-rank operator: Lanczos upsampling of a 9×7 image to 27×21.
        LinearOperator operator = new SeparableResize(9, 7, 27, 21, ResizeKernel.LANCZOS3);
        float[] measured = CtSrFixtures.random(operator.outputSize(), 9);
        float[] x = new ChambollePock(operator, 9, 7, 1)
                .solve(measured, 0, 3000, false, null, ProgressListener.NONE, CancelToken.none());
        float[] normalRhs = new float[operator.inputSize()];
        operator.adjoint(measured, normalRhs);
        float[] reference = new float[operator.inputSize()];
        ConjugateGradient.solve(operator::normal, normalRhs, reference, 500, 1e-7);
        double error = CtSrFixtures.relativeError(reference, x);
        assertTrue(error < 1e-3, "relative distance to the CG solution " + error);
    }

    /** A convex objective is minimal at the solution: no small random perturbation lowers it. */
    @Test
    void tvCtSolutionIsAMinimumOfTheObjective() {
        float[] slice = CtSrFixtures.load("ct_small_128x128.f32", 128 * 128);
        int size = 64;
        float[] small = new float[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                small[row * size + col] = slice[(2 * row) * 128 + 2 * col];
            }
        }
        small = masked(small, size);
        ParallelBeamProjector projector = new ParallelBeamProjector(size, CtAngles.parse("0:180:20"));
        float[] measured = new float[projector.outputSize()];
        projector.apply(small, measured);
        ChambollePock solver = new ChambollePock(projector, size, size, 1);
        double lambda = 0.05;
        float[] x = solver.solve(measured, lambda, 1500, false, null, ProgressListener.NONE, CancelToken.none());
        double best = solver.objective(x, measured, lambda);
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            float[] perturbed = x.clone();
            for (int i = 0; i < perturbed.length; i++) {
                perturbed[i] += (float) (1e-3 * random.nextGaussian());
            }
            perturbed = masked(perturbed, size);
            double value = solver.objective(perturbed, measured, lambda);
            assertTrue(value >= best * (1 - 1e-6),
                    "perturbation " + trial + " lowered the objective: " + value + " < " + best);
        }
        float[] fbp = FilteredBackProjection.reconstruct(measured, projector.anglesDegrees(), size, FbpFilter.RAM_LAK);
        System.out.printf("TV vs FBP on 20 views at 64x64: %.2f dB vs %.2f dB%n", Metrics.psnr(small, x),
                Metrics.psnr(small, fbp));
        assertTrue(Metrics.psnr(small, x) > Metrics.psnr(small, fbp) + 3);
    }

    @Test
    void finiteDifferencesAndTheirAdjointPassTheDotProductTest() {
        for (int channels = 1; channels <= 2; channels++) {
            LinearOperator image = channels == 1 ? new BoxDownsampling(7, 5, 1) : phaseOperator(35, 0.3);
            LinearOperator gradient = new ChambollePock(image, 7, 5, channels).gradientOperator();
            double mismatch = CtSrFixtures.adjointMismatch(gradient, 40 + channels);
            assertTrue(mismatch < 1e-6, channels + " channels: mismatch " + mismatch);
        }
    }

    private static float[] masked(float[] image, int size) {
        boolean[] support = ParallelBeamProjector.circleMask(size);
        float[] result = image.clone();
        for (int i = 0; i < result.length; i++) {
            if (!support[i]) {
                result[i] = 0;
            }
        }
        return result;
    }
}
