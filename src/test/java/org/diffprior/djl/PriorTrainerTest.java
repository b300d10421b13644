package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorTrainerTest {

    /** Smooth random blobs: a distribution a small network learns within a few dozen steps. */
    static Path blobs(Path dir, int count, int size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[count * size * size];
        for (int n = 0; n < count; n++) {
            for (int blob = 0; blob < 3; blob++) {
                double cx = random.nextDouble() * size;
                double cy = random.nextDouble() * size;
                double radius = 2 + random.nextDouble() * size / 4;
                double value = 0.3 + 0.7 * random.nextDouble();
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                        data[(n * size + y) * size + x] += (float) (value * Math.exp(-d2 / (2 * radius * radius)));
                    }
                }
            }
        }
        Path file = dir.resolve("blobs-" + seed + ".tif");
        Tiffs.write(new FloatImage(size, size, count, data), file);
        return file;
    }

    static TrainingOptions tinyOptions(Path images, Path out) {
        return TrainingOptions.defaults(List.of(images), out).withChannels(1, UNetConfig.tiny(1)).withSize(16)
                .withSteps(60).withBatch(8).withOptimiser(3e-3, 5, 30);
    }

    @Test
    void aFewStepsReduceTheLossOnATinySetWithoutNaN(@TempDir Path dir) throws IOException {
        Path images = blobs(dir, 12, 16, 1);
        TrainingOptions options = tinyOptions(images, dir.resolve("model"));
        UNet net = new UNet(options.network());
        TrainingImages data = TrainingImages.read(List.of(images), 1);
        PriorTrainer.State state = PriorTrainer.State.fresh(net, 1);
        // A fixed evaluation batch (same crops, noise levels and noise) measured before and after.
        PriorTrainer.NoisyBatch evaluation = PriorTrainer.NoisyBatch.of(net,
                data.randomCrops(32, 16, new SplittableRandom(99)), 32, 1, 16, new SplittableRandom(98));
        EngineBootstrap.start();
        try (NDManager base = NDManager.newBaseManager()) {
            float before = PriorTrainer.lossAndGradients(net, state.parameters, evaluation, base, null);
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < options.steps(); i++) {
                float loss = PriorTrainer.step(net, options, data, state, base, random);
                assertTrue(Float.isFinite(loss));
                state.step++;
            }
            float after = PriorTrainer.lossAndGradients(net, state.parameters, evaluation, base, null);
            assertTrue(after < 0.8 * before, "loss " + before + " -> " + after);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheLoss() {
        UNet net = new UNet(UNetConfig.tiny(1));
        Map<String, float[]> parameters = net.initialParameters(4);
        float[] clean = new float[2 * 8 * 8];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < clean.length; i++) {
            clean[i] = (float) random.nextDouble();
        }
        PriorTrainer.NoisyBatch batch = PriorTrainer.NoisyBatch.of(net, clean, 2, 1, 8, random);
        EngineBootstrap.start();
        try (NDManager base = NDManager.newBaseManager()) {
            Map<String, float[]> gradients = new HashMap<>();
            PriorTrainer.lossAndGradients(net, parameters, batch, base, gradients);
            for (String name : new String[] {"in.b", "mid0.emb.b", "out.b"}) {
                float[] p = parameters.get(name);
                int index = 0;
                float original = p[index];
                float h = 1e-2f;
                p[index] = original + h;
                float plus = PriorTrainer.lossAndGradients(net, parameters, batch, base, null);
                p[index] = original - h;
                float minus = PriorTrainer.lossAndGradients(net, parameters, batch, base, null);
                p[index] = original;
                double numeric = (plus - minus) / (2.0 * h);
                assertEquals(numeric, gradients.get(name)[index], 2e-3 + 0.05 * Math.abs(numeric), name);
            }
        }
    }

    @Test
    void trainingWritesAVerifiedPackageAndResumes(@TempDir Path dir) throws IOException {
        Path images = blobs(dir, 8, 16, 2);
        Path validation = blobs(dir, 2, 16, 3);
        Path out = dir.resolve("model");
        TrainingOptions options = tinyOptions(images, out).withSteps(10).withOptimiser(2e-3, 2, 5)
                .withValidation(List.of(validation));
        PriorTrainer.Result first = PriorTrainer.train(options, ProgressListener.NONE, CancelToken.none());
        assertEquals(10, first.losses().length);
        assertTrue(first.validation().containsKey("psnr_sigma0.1"));
        for (String file : new String[] {"model.json", "weights.bin", "loss-curve.png", "checkpoint/state.bin"}) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        try (PriorModel loaded = PriorModel.load(out)) {
            assertEquals(10, loaded.card().trainingSteps());
            // The card lists (and load verified) every file the run wrote beside it.
            assertEquals(java.util.Set.of("weights.bin", "loss-curve.png"), loaded.card().files().keySet());
            assertEquals("v", loaded.card().parameterisation());
        }
        PriorTrainer.Result resumed = PriorTrainer.train(options.withSteps(14).withResume(true), ProgressListener.NONE,
                CancelToken.none());
        assertEquals(14, resumed.losses().length);
        assertEquals(first.losses()[9], resumed.losses()[9]);
    }

    @Test
    void fineTuningStartsFromTheGivenModelsWeights(@TempDir Path dir) throws IOException {
        Path images = blobs(dir, 12, 16, 5);
        Path base = dir.resolve("base");
        PriorTrainer.train(tinyOptions(images, base).withSteps(40), ProgressListener.NONE,
                CancelToken.none());
        // A vanishing learning rate keeps the weights: the fine-tuned package must equal the base model's.
        TrainingOptions tune = tinyOptions(images, dir.resolve("tuned")).withSteps(3).withOptimiser(1e-20, 1, 0)
                .withInitialModel(base.toString());
        PriorTrainer.Result tuned = PriorTrainer.train(tune, ProgressListener.NONE, CancelToken.none());
        PriorTrainer.Result fresh = PriorTrainer.train(tinyOptions(images, dir.resolve("fresh")).withSteps(3)
                .withOptimiser(1e-20, 1, 0), ProgressListener.NONE, CancelToken.none());
        try (PriorModel a = PriorModel.load(base); PriorModel b = PriorModel.load(dir.resolve("tuned"))) {
            assertEquals(a.weights().keySet(), b.weights().keySet());
            for (String name : a.weights().keySet()) {
                assertArrayEquals(a.weights().get(name), b.weights().get(name), 1e-12f, name);
            }
            assertTrue(b.card().trainingData().contains("fine-tuned from " + base), b.card().trainingData());
        }
        double tunedLoss = (tuned.losses()[0] + tuned.losses()[1] + tuned.losses()[2]) / 3;
        double freshLoss = (fresh.losses()[0] + fresh.losses()[1] + fresh.losses()[2]) / 3;
        assertTrue(tunedLoss < 0.7 * freshLoss, tunedLoss + " vs " + freshLoss);

        TrainingOptions complex = TrainingOptions.defaults(List.of(images), dir.resolve("c"))
                .withChannels(2, UNetConfig.tiny(2)).withSize(16).withSteps(2).withInitialModel(base.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PriorTrainer.train(complex, ProgressListener.NONE, CancelToken.none()));
        String option = e.message(key -> "--" + key.replace('_', '-'));
        assertTrue(option.contains("--init-from") && option.contains("--channels"), option);
        InvalidInputException both = assertThrows(InvalidInputException.class,
                () -> tinyOptions(images, base).withResume(true).withInitialModel(base.toString()));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }

    @Test
    void divergenceStopsWithAClearMessageAndSavesNoModel(@TempDir Path dir) throws IOException {
        Path images = blobs(dir, 4, 16, 4);
        Path out = dir.resolve("model");
        TrainingOptions options = tinyOptions(images, out).withSteps(20).withOptimiser(1e30, 1, 0);
        PriorTrainer.DivergedException e = assertThrows(PriorTrainer.DivergedException.class,
                () -> PriorTrainer.train(options, ProgressListener.NONE, CancelToken.none()));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertFalse(Files.exists(out.resolve("model.json")));
        assertFalse(Files.exists(out.resolve("weights.bin")));
    }
}
