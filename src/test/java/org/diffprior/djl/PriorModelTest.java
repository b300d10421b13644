package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorModelTest {

    @Test
    void saveThenLoadGivesIdenticalOutputs(@TempDir Path dir) throws IOException {
        float[][] xt = {DjlDenoiserTest.random(2 * 16 * 16, 1), DjlDenoiserTest.random(2 * 16 * 16, 2)};
        double[] alpha = {0.6, 0.95};
        double[] sigma = {0.8, 0.31};
        float[][] before;
        try (PriorModel model = TinyModels.model(2, "v", 11)) {
            before = new DjlDenoiser(model).denoise(xt, 16, 16, alpha, sigma);
            model.save(dir);
        }
        try (PriorModel loaded = PriorModel.load(dir)) {
            assertEquals(2, loaded.card().imageChannels());
            assertEquals(64, loaded.card().files().get(PriorModel.WEIGHTS).length());
            float[][] after = new DjlDenoiser(loaded).denoise(xt, 16, 16, alpha, sigma);
            for (int b = 0; b < xt.length; b++) {
                assertArrayEquals(before[b], after[b], 0f);
            }
        }
    }

    @Test
    void refusesWeightsWhoseChecksumDoesNotMatch(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir);
        }
        Path weights = dir.resolve(PriorModel.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir));
        assertTrue(e.getMessage().contains("checksum mismatch for weights.bin"), e.getMessage());
    }

    @Test
    void refusesAModelWhoseCardDoesNotListItsWeights(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir);
        }
        Path card = dir.resolve(PriorModel.CARD);
        Files.writeString(dir.resolve("notes.txt"), "abc");
        String json = Files.readString(card).replace("\"" + PriorModel.WEIGHTS + "\"", "\"notes.txt\"");
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        json = json.replaceFirst("\"notes.txt\"\\s*:\\s*\"[0-9a-f]{64}\"", "\"notes.txt\": \"" + abc + "\"");
        Files.writeString(card, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir));
        assertTrue(e.getMessage().contains("does not list weights.bin"), e.getMessage());
    }

    @Test
    void refusesABundledModelWithDamagedWeights(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir);
        }
        PriorModel.Resources jar = path -> Files.newInputStream(dir.resolve(path.substring(path.lastIndexOf('/') + 1)));
        try (PriorModel intact = PriorModel.loadBundled("tiny", jar)) {
            assertEquals("bundled:tiny", intact.source());
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(PriorModel.WEIGHTS));
        bytes[bytes.length / 2] ^= 4;
        Files.write(dir.resolve(PriorModel.WEIGHTS), bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PriorModel.loadBundled("tiny", jar));
        assertTrue(e.getMessage().startsWith("bundled model 'tiny': checksum mismatch for weights.bin"),
                e.getMessage());
    }

    @Test
    void checksumIsTheSha256OfTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("abc.txt"), "abc");
        // FIPS 180-2 test vector for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                WeightFiles.sha256(dir.resolve("abc.txt")));
    }

    @Test
    void rejectsCardsThatDoNotSayWhatTheNetworkPredicts(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir);
        }
        String json = Files.readString(dir.resolve(PriorModel.CARD)).replace("\"parameterisation\": \"v\"",
                "\"parameterisation\": \"score\"");
        Files.writeString(dir.resolve(PriorModel.CARD), json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir));
        assertTrue(e.getMessage().contains("parameterisation"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> PriorModel.load(dir.resolve("missing")));
        assertThrows(InvalidInputException.class, () -> ModelStore.open("no-such-model"));
    }
}
