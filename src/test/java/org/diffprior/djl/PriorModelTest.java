package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    void everyFileOfTheFolderMustBeListedPresentAndUnchanged(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir, Map.of("loss-curve.png", temp -> Files.writeString(temp, "a plot")));
        }
        try (PriorModel loaded = PriorModel.load(dir)) {
            assertEquals(Set.of(PriorModel.WEIGHTS, "loss-curve.png"), loaded.card().files().keySet());
        }
        // A training checkpoint folder and our own temporary of an interrupted write are not part of the package.
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.writeString(dir.resolve(".weights.bin.4194305-0123456789abcdef.part.bin"), "half");
        PriorModel.load(dir).close();

        Path notes = Files.writeString(dir.resolve("notes.txt"), "unlisted");
        assertEquals(dir + ": notes.txt is not listed in model.json's 'files', so it cannot be verified; remove it, "
                + "or re-save the model",
                assertThrows(InvalidInputException.class, () -> PriorModel.load(dir))
                        .getMessage());
        Files.delete(notes);

        Path plot = dir.resolve("loss-curve.png");
        byte[] bytes = Files.readAllBytes(plot);
        Files.delete(plot);
        String missing = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir)).getMessage();
        assertTrue(missing.contains("loss-curve.png, listed in model.json, is missing"), missing);
        Files.write(plot, bytes);
        PriorModel.load(dir).close();

        Files.writeString(plot, "another plot");
        String changed = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir)).getMessage();
        assertTrue(changed.contains("checksum mismatch for loss-curve.png"), changed);
    }

    @Test
    void aCardListingAFileOutsideItsFolderIsRefused(@TempDir Path dir) throws IOException {
        try (PriorModel model = TinyModels.model(1, "v", 11)) {
            model.save(dir);
        }
        Path card = dir.resolve(PriorModel.CARD);
        Files.writeString(card, Files.readString(card).replace("\"files\": {", "\"files\": {\"../outside\": \"00\","));
        String message = assertThrows(InvalidInputException.class, () -> PriorModel.load(dir)).getMessage();
        assertTrue(message.contains("'files' lists '../outside'"), message);
    }

    @Test
    void everyBundledModelListsEveryFileItShipsAndLoadsVerified() throws Exception {
        String index = new String(PriorModel.class.getResourceAsStream("/models/index.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> names = index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertFalse(names.isEmpty());
        for (String name : names) {
            Path folder = Path.of(PriorModel.class.getResource("/models/" + name + "/" + PriorModel.CARD).toURI())
                    .getParent();
            // As a folder, every file must be listed: what the jar ships is exactly what model.json lists.
            try (PriorModel asFolder = PriorModel.load(folder); PriorModel bundled = PriorModel.loadBundled(name)) {
                assertTrue(bundled.card().files().containsKey("loss-curve.png"), name);
                assertEquals(asFolder.card().files(), bundled.card().files(), name);
                assertEquals("bundled:" + name, bundled.source());
            }
        }
    }

    @Test
    void aBundledModelWithAnyDamagedOrMissingFileIsRefused() {
        String name = "colin27-brain-64";
        for (String file : new String[] {PriorModel.WEIGHTS, "loss-curve.png"}) {
            PriorModel.Resources damaged = path -> {
                InputStream in = PriorModel.class.getResourceAsStream(path);
                if (!path.endsWith("/" + file)) {
                    return in;
                }
                byte[] bytes = in.readAllBytes();
                bytes[bytes.length / 3] ^= 1;
                return new ByteArrayInputStream(bytes);
            };
            String message = assertThrows(InvalidInputException.class, () -> PriorModel.loadBundled(name, damaged))
                    .getMessage();
            assertTrue(message.startsWith("bundled model '" + name + "': checksum mismatch for " + file), message);
            PriorModel.Resources without = path -> path.endsWith("/" + file) ? null
                    : PriorModel.class.getResourceAsStream(path);
            message = assertThrows(InvalidInputException.class, () -> PriorModel.loadBundled(name, without))
                    .getMessage();
            assertEquals("bundled model '" + name + "': " + file + ", listed in model.json, is missing from the "
                    + "plugin; re-install it", message);
        }
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
