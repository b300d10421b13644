package org.diffprior.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.InvalidInputException;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * A warm start (CCDF) begins the reverse process at α(t₀) x + σ(t₀) ε around an estimate x and spreads the
 * steps over [0, t₀]: the first network input must be exactly that state, and with a prior that is a mixture
 * of two images the sampler must stay with the image the estimate lies near.
 */
class WarmStartTest {

    private static final int SIZE = 8;

    private static float[] constant(float value) {
        float[] image = new float[SIZE * SIZE];
        java.util.Arrays.fill(image, value);
        return image;
    }

    private static float[] checkerboard() {
        float[] image = new float[SIZE * SIZE];
        for (int i = 0; i < image.length; i++) {
            image[i] = ((i / SIZE + i % SIZE) % 2 == 0) ? 1f : -1f;
        }
        return image;
    }

    @Test
    void firstStateIsTheNoisedEstimateAtTheStartTime() {
        CosineSchedule schedule = CosineSchedule.forResolution(SIZE);
        float[] estimate = constant(0.5f);
        RecordingDenoiser recording = new RecordingDenoiser(
                new MixturePriorDenoiser(1, new float[][] {constant(0.5f), checkerboard()}, null));
        double start = 0.3;
        DiffusionSolver.run(recording, SamplingRequest.builder(SIZE, SIZE).schedule(schedule).steps(6).seed(3).eta(1)
                .warmStart(estimate, start).build());
        assertEquals(6, recording.alphas.size());
        assertEquals(schedule.alpha(start), recording.alphas.get(0), 1e-12);
        assertEquals(schedule.alpha(schedule.tMin()), recording.alphas.get(5), 1e-12);
        // x = α x̂ + σ ε with ε from particle 0's stream, the same stream a cold start draws its noise from.
        java.util.Random random = new java.util.Random(ParticleRun.particleSeed(3, 0));
        float[] expected = new float[SIZE * SIZE];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) (schedule.alpha(start) * estimate[i] + schedule.sigma(start) * random.nextGaussian());
        }
        assertArrayEquals(expected, recording.firstInput, 1e-6f);
    }

    @Test
    void aWarmStartNearOneImageOfAMixtureEndsAtThatImage() {
        float[] a = constant(0.6f);
        float[] b = checkerboard();
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1, new float[][] {a, b}, null);
        for (float[] target : new float[][] {a, b}) {
            float[] estimate = target.clone();
            for (int i = 0; i < estimate.length; i++) {
                estimate[i] += (float) (0.2 * Math.sin(i)); // an imperfect classical estimate
            }
            SamplingResult result = DiffusionSolver.run(prior,
                    SamplingRequest.builder(SIZE, SIZE).particles(8).steps(10)
                            .seed(5).eta(1).warmStart(estimate, 0.4).build());
            for (float[] sample : result.samples()) {
                assertArrayEquals(target, sample, 1e-3f);
            }
        }
    }

    @Test
    void aColdStartReachesBothImagesOfTheMixture() {
        // The contrast to the warm start: from pure noise the same sampler draws both modes.
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1, new float[][] {constant(0.6f), checkerboard()}, null);
        SamplingResult result = DiffusionSolver.run(prior, SamplingRequest.builder(SIZE, SIZE).particles(16).steps(10)
                .seed(5).eta(1).build());
        int nearA = 0;
        for (float[] sample : result.samples()) {
            nearA += Math.abs(sample[1] - 0.6f) < 1e-2 ? 1 : 0;
        }
        assertTrue(nearA > 0 && nearA < 16, nearA + " of 16 samples at the constant image");
    }

    @Test
    void aWarmStartNeedsAnEstimateOfTheImageSizeAndATimeInsideTheSchedule() {
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1, new float[][] {constant(0.6f)}, null);
        assertThrows(InvalidInputException.class, () -> SamplingRequest.builder(SIZE, SIZE).warmStart(constant(0), 0));
        assertThrows(InvalidInputException.class,
                () -> SamplingRequest.builder(SIZE, SIZE).warmStart(constant(0), 1.5));
        assertThrows(InvalidInputException.class, () -> DiffusionSolver.run(prior,
                SamplingRequest.builder(SIZE, SIZE).warmStart(new float[3], 0.5).build()));
    }
}
