package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Data-consistency solvers driven by the prior denoiser only (16×16 stationary Gaussian prior): each must
 * satisfy the measurements to its stated tolerance and its particle mean must land closer to the exact
 * posterior mean than the pseudo-inverse (= zero-filled for the DFT operator) estimate. Distances are
 * ||estimate − exact posterior mean|| / ||exact posterior mean||.
 *
 * <p>Measured (16 particles, 50 network evaluations): box ×2 noiseless: pseudo-inverse 0.320, DDS (5 CG,
 * η 0.5) 0.163 with relative residual 4e-8, DDNM (η 0.85) 0.141 / 3e-8, RED-diff (lr 0.05) 0.197 / 0.11
 * and 0.181 / 3e-8 with a final projection; 48 DFT frequencies with noise 0.05: zero-filled 0.517, DDS
 * (proximal γ = 1) 0.398 with residual 3.3 % of ||y||, inside the 2σ√m discrepancy bound.
 */
class DataConsistencySolverTest {

    private static final NoiseSchedule SCHEDULE = new CosineSchedule(0.02, 0.9999, 64);

    private static GaussianReference box() {
        return new GaussianReference(16, 16, DenseMatrixOperator.boxDownsampling(16, 16, 2), 0.0, 2);
    }

    private static GaussianReference dft() {
        return new GaussianReference(16, 16, DenseMatrixOperator.randomDftRows(16, 16, 48, 3), 0.05, 2);
    }

    private static SamplingRequest.Builder request(GaussianReference reference, boolean pseudoInverse) {
        return SamplingRequest.builder(16, 16).schedule(SCHEDULE).steps(50).particles(16).seed(3)
                .measurement(reference.measurement(pseudoInverse));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double report(String name, GaussianReference reference, SamplingResult result) {
        Measurement m = reference.measurement(true);
        double pseudoInverse = GaussianReference.relativeDistance(m.pseudoInverseOfData(), reference.exactMean);
        double distance = GaussianReference.relativeDistance(result.mean(), reference.exactMean);
        double worstResidual = 0;
        for (float[] sample : result.samples()) {
            worstResidual = Math.max(worstResidual, m.residualNorm(sample) / norm(m.y()));
        }
        System.out.printf("%s: distance to exact posterior mean %.3f (pseudo-inverse %.3f), worst relative "
                + "residual %.2e, %d network evaluations%n", name, distance, pseudoInverse, worstResidual,
                result.networkEvaluations());
        assertTrue(distance < pseudoInverse, name + " is not closer to the posterior mean than A⁺y");
        return worstResidual;
    }

    @Test
    void ddsWithNormalEquationsFitsNoiselessDataAndBeatsPseudoInverse() {
        GaussianReference reference = box();
        SamplingResult result = DiffusionSolver.run(reference.prior, request(reference, false)
                .dataConsistency(CgDataConsistency.auto(5, 1.0)).eta(0.5).build());
        assertTrue(report("DDS noiseless box", reference, result) < 1e-5);
        assertTrue(result.networkEvaluations() == 50);
    }

    @Test
    void ddsWithProximalStepStaysWithinTheNoiseLevelAndBeatsZeroFilling() {
        GaussianReference reference = dft();
        SamplingResult result = DiffusionSolver.run(reference.prior, request(reference, false)
                .dataConsistency(CgDataConsistency.auto(5, 1.0)).eta(0.5).build());
        double residual = report("DDS noisy DFT (proximal, gamma 1)", reference, result);
        // discrepancy: ||A x − y|| should not exceed about the noise norm σ√m (here 2σ√m as tolerance)
        double noiseNorm = 0.05 * Math.sqrt(reference.y.length);
        assertTrue(residual * norm(reference.y) < 2 * noiseNorm, "residual above twice the noise level");
    }

    @Test
    void ddnmProjectionFitsNoiselessDataExactlyAndBeatsPseudoInverse() {
        GaussianReference reference = box();
        SamplingResult result = DiffusionSolver.run(reference.prior, request(reference, true)
                .dataConsistency(new ProjectionDataConsistency()).eta(0.85).build());
        assertTrue(report("DDNM noiseless box", reference, result) < 1e-5);
    }

    @Test
    void redDiffApproachesTheDataAndWithFinalProjectionFitsItExactly() {
        GaussianReference reference = box();
        SamplingRequest redDiff = request(reference, true).build();
        RedDiffOptions options = RedDiffOptions.defaults().withLearningRate(0.05);
        double ownResidual = report("RED-diff box", reference, RedDiffSolver.run(reference.prior, redDiff, options));
        assertTrue(ownResidual < 0.15, "RED-diff's own data fit " + ownResidual);
        SamplingRequest hard = redDiff.toBuilder().finalConsistency(new ProjectionDataConsistency()).build();
        assertTrue(report("RED-diff box + final projection", reference,
                RedDiffSolver.run(reference.prior, hard, options)) < 1e-5);
    }

    @Test
    void convergedNormalEquationsEqualProjectionAndProximalEqualsClosedForm() {
        // For box downsampling A Aᵀ = ¼ I: converged CG on AᴴA from x̂0 is x̂0 − A⁺(A x̂0 − y), and the proximal
        // solution is x̂0 + γ/(1 + γ/4) Aᵀ(y − A x̂0) (Woodbury).
        GaussianReference reference = box();
        Measurement measurement = reference.measurement(true);
        Random random = new Random(4);
        float[] estimate = new float[256];
        for (int i = 0; i < estimate.length; i++) {
            estimate[i] = (float) random.nextGaussian();
        }
        float[] cg = estimate.clone();
        CgDataConsistency.normalEquations(10).apply(cg, measurement, 0.5, 0.5);
        float[] projected = estimate.clone();
        new ProjectionDataConsistency().apply(projected, measurement, 0.5, 0.5);
        assertArrayEquals(projected, cg, 1e-5f);

        double gamma = 3.0;
        float[] proximal = estimate.clone();
        CgDataConsistency.proximal(10, gamma).apply(proximal, measurement, 0.5, 0.5);
        float[] residual = new float[64];
        reference.operator.apply(estimate, residual);
        for (int i = 0; i < 64; i++) {
            residual[i] = reference.y[i] - residual[i];
        }
        float[] back = new float[256];
        reference.operator.adjoint(residual, back);
        float[] expected = new float[256];
        for (int i = 0; i < 256; i++) {
            expected[i] = (float) (estimate[i] + gamma / (1 + gamma / 4) * back[i]);
        }
        assertArrayEquals(expected, proximal, 1e-5f);
    }

    @Test
    void noisyProjectionStopsAtOneNoiseNormOfResidual() {
        GaussianReference reference = box();
        Measurement exact = reference.measurement(true);
        Random random = new Random(6);
        float[] estimate = new float[256];
        for (int i = 0; i < estimate.length; i++) {
            estimate[i] = (float) random.nextGaussian();
        }
        double start = exact.residualNorm(estimate);
        double sigma = 0.4 * start / Math.sqrt(64); // the noise norm is 40 % of the start's residual
        Measurement noisy = new Measurement(exact.operator(), exact.y(), sigma, exact.pseudoInverse());

        float[] projected = estimate.clone();
        new ProjectionDataConsistency().apply(projected, noisy, 0.5, 0.5);
        assertEquals(0.4 * start, noisy.residualNorm(projected), 1e-4 * start);
        // The correction is the exact projection's, scaled by 1 − 0.4.
        float[] full = estimate.clone();
        new ProjectionDataConsistency().apply(full, exact, 0.5, 0.5);
        for (int i = 0; i < estimate.length; i++) {
            assertEquals(estimate[i] + 0.6 * (full[i] - estimate[i]), projected[i], 1e-5);
        }
        // A start already within the noise norm is left alone.
        float[] close = projected.clone();
        new ProjectionDataConsistency(1.2).apply(close, noisy, 0.5, 0.5);
        assertArrayEquals(projected, close, 0f);
    }
}
