package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.prior.GaussianPosteriorDenoiser;
import org.junit.jupiter.api.Test;

/** Particles, seeds, batching, progress, cancel, the step hook and complex images. */
class DiffusionSolverTest {

    private static final GaussianReference REFERENCE = new GaussianReference(8, 8,
            DenseMatrixOperator.boxDownsampling(8, 8, 2), 0.0, 5);

    private static SamplingRequest.Builder dds(int particles) {
        return SamplingRequest.builder(8, 8).particles(particles).steps(12).seed(42).eta(0.7)
                .measurement(REFERENCE.measurement(true)).dataConsistency(CgDataConsistency.auto(3, 1.0));
    }

    @Test
    void particlesRunAsOneBatchPerNetworkEvaluation() {
        for (SamplerMethod method : SamplerMethod.values()) {
            RecordingDenoiser counting = new RecordingDenoiser(REFERENCE.prior);
            SamplingResult result = DiffusionSolver.run(counting, dds(6).method(method).build());
            assertOneBatchPerEvaluation(method.name(), counting, result);
        }
        // RED-diff brings its own data term, so it runs without the per-step data consistency.
        RecordingDenoiser counting = new RecordingDenoiser(REFERENCE.prior);
        SamplingResult result = RedDiffSolver.run(counting, dds(6).dataConsistency(DataConsistency.NONE).build(),
                RedDiffOptions.defaults());
        assertOneBatchPerEvaluation("RED-diff", counting, result);
    }

    private static void assertOneBatchPerEvaluation(String method, RecordingDenoiser counting,
            SamplingResult result) {
        assertEquals(12, counting.batchSizes.size(), method);
        assertTrue(counting.batchSizes.stream().allMatch(size -> size == 6), method);
        assertEquals(12, result.networkEvaluations());
        assertEquals(6, result.samples().length);
        assertEquals(64, result.std().length);
    }

    @Test
    void seedsMakeRunsReproducibleAndParticlesIndependentOfTheirNumber() {
        SamplingResult first = DiffusionSolver.run(REFERENCE.prior, dds(4).build());
        SamplingResult again = DiffusionSolver.run(REFERENCE.prior, dds(4).build());
        SamplingResult fewer = DiffusionSolver.run(REFERENCE.prior, dds(2).build());
        SamplingResult otherSeed = DiffusionSolver.run(REFERENCE.prior, dds(4).seed(43).build());
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(first.samples()[k], again.samples()[k]);
        }
        assertArrayEquals(first.samples()[1], fewer.samples()[1]);
        assertTrue(GaussianReference.relativeDistance(first.samples()[0], toDouble(otherSeed.samples()[0])) > 1e-3);
        assertTrue(GaussianReference.relativeDistance(first.samples()[0], toDouble(first.samples()[1])) > 1e-3);
    }

    @Test
    void meanAndStdAreThoseOfTheSamples() {
        SamplingResult result = DiffusionSolver.run(REFERENCE.prior, dds(5).build());
        for (int i = 0; i < 64; i++) {
            double sum = 0;
            for (float[] s : result.samples()) {
                sum += s[i];
            }
            double mean = sum / 5;
            double squares = 0;
            for (float[] s : result.samples()) {
                squares += (s[i] - mean) * (s[i] - mean);
            }
            assertEquals(mean, result.mean()[i], 1e-5);
            assertEquals(Math.sqrt(squares / 4), result.std()[i], 1e-5);
        }
    }

    @Test
    void progressIsReportedPerStepAndCancelStopsBetweenSteps() {
        RecordingDenoiser counting = new RecordingDenoiser(REFERENCE.prior);
        CancelToken cancel = new CancelToken();
        List<Long> reported = new ArrayList<>();
        assertThrows(CancellationException.class, () -> DiffusionSolver.run(counting, dds(3).build(),
                (done, total, message) -> {
                    reported.add(done);
                    assertEquals(12, total);
                    if (done == 4) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(List.of(1L, 2L, 3L, 4L), reported);
        assertEquals(4, counting.batchSizes.size());
    }

    @Test
    void stepHookSeesEveryParticleAndCanReplaceTheMeasurement() {
        // Start with the box measurement, switch to a measurement of different data at step 6:
        // the final samples must fit the new data, which is what an active-subsampling loop relies on.
        float[] otherTruth = REFERENCE.prior.sample(new java.util.Random(9));
        float[] otherY = new float[16];
        REFERENCE.operator.apply(otherTruth, otherY);
        Measurement replacement = new Measurement(REFERENCE.operator, otherY, 0,
                REFERENCE.operator::scaledAdjointPseudoInverse);
        List<Integer> steps = new ArrayList<>();
        SamplingRequest request = dds(3).dataConsistency(new ProjectionDataConsistency()).stepHook(state -> {
            steps.add(state.step());
            assertEquals(3, state.x0Estimates().length);
            return state.step() == 6 ? replacement : state.measurement();
        }).build();
        SamplingResult result = DiffusionSolver.run(REFERENCE.prior, request);
        assertEquals(12, steps.size());
        for (float[] sample : result.samples()) {
            assertTrue(replacement.residualNorm(sample) < 1e-5);
        }
    }

    @Test
    void complexImagesWithTwoInterleavedChannelsUseTheSameSolver() {
        // A complex 4×4 image (32 floats) with a Gaussian prior whose real and imaginary parts are independent
        // copies of a stationary real prior; measured: 8 random DFT frequencies of the real and of the
        // imaginary part (a real matrix on the interleaved vector). DDS must fit the data, std is per pixel.
        GaussianReference real = new GaussianReference(4, 4, DenseMatrixOperator.randomDftRows(4, 4, 4, 1), 0, 1);
        double[][] c = real.prior.covariance();
        double[][] covariance = new double[32][32];
        double[] mean = new double[32];
        for (int i = 0; i < 16; i++) {
            mean[2 * i] = real.prior.mean();
            mean[2 * i + 1] = real.prior.mean();
            for (int j = 0; j < 16; j++) {
                covariance[2 * i][2 * j] = c[i][j];
                covariance[2 * i + 1][2 * j + 1] = c[i][j];
            }
        }
        GaussianPosteriorDenoiser prior = new GaussianPosteriorDenoiser(2, mean, covariance);
        double[][] a = new double[16][32];
        double[][] dft = real.operator.matrix();
        for (int row = 0; row < 8; row++) {
            for (int j = 0; j < 16; j++) {
                a[row][2 * j] = dft[row][j];
                a[8 + row][2 * j + 1] = dft[row][j];
            }
        }
        DenseMatrixOperator operator = new DenseMatrixOperator(a);
        float[] truth = prior.sample(new java.util.Random(2));
        float[] y = new float[16];
        operator.apply(truth, y);
        SamplingResult result = DiffusionSolver.run(prior, SamplingRequest.builder(4, 4).particles(4).steps(20)
                .eta(0.5).measurement(Measurement.of(operator, y)).dataConsistency(CgDataConsistency.auto(5, 1))
                .build());
        assertEquals(2, result.channels());
        assertEquals(32, result.mean().length);
        assertEquals(16, result.std().length);
        float[] magnitude = result.meanMagnitude();
        for (int p = 0; p < 16; p++) {
            assertEquals(Math.hypot(result.mean()[2 * p], result.mean()[2 * p + 1]), magnitude[p], 1e-6);
        }
        for (float[] sample : result.samples()) {
            assertTrue(Measurement.of(operator, y).residualNorm(sample) < 1e-4);
        }
    }

    @Test
    void mismatchedOperatorIsReportedAsBadInput() {
        DenseMatrixOperator wrong = DenseMatrixOperator.boxDownsampling(16, 16, 2);
        SamplingRequest request = SamplingRequest.builder(8, 8).measurement(Measurement.of(wrong, new float[64]))
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DiffusionSolver.run(REFERENCE.prior, request));
        assertTrue(e.getMessage().contains("256"));
        assertThrows(InvalidInputException.class, () -> SamplingRequest.builder(8, 8)
                .dataConsistency(new ProjectionDataConsistency()).build());
        assertThrows(InvalidInputException.class, () -> DiffusionSolver.run(REFERENCE.prior,
                dds(1).measurement(REFERENCE.measurement(false)).dataConsistency(new ProjectionDataConsistency())
                        .build()));
    }

    @Test
    void redDiffRefusesAPerStepDataConsistencyAndOptionsOutOfRange() {
        assertThrows(InvalidInputException.class, () -> RedDiffSolver.run(REFERENCE.prior, dds(1).build(),
                RedDiffOptions.defaults()));
        assertThrows(InvalidInputException.class, () -> RedDiffOptions.defaults().withLearningRate(0));
        assertThrows(InvalidInputException.class, () -> RedDiffOptions.defaults().withRegularizationWeight(-1));
        assertThrows(InvalidInputException.class, () -> RedDiffOptions.defaults().withDataWeight(Double.NaN));
    }

    private static double[] toDouble(float[] v) {
        return DenseMatrixOperator.toDouble(v);
    }
}
