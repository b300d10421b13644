package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.diffprior.io.FloatImage;
import org.diffprior.io.Tiffs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainAndModelsCommandTest {

    @Test
    void trainWritesAModelPackageFromATiffStack(@TempDir Path dir) throws Exception {
        float[] data = new float[4 * 16 * 16];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.37) * Math.cos(i * 0.011));
        }
        Path images = dir.resolve("train.tif");
        Tiffs.write(new FloatImage(16, 16, 4, data), images);
        Path out = dir.resolve("model");
        int status = DiffPriorCli.commandLine().execute("train", "--images", images.toString(), "--out", out.toString(),
                "--steps", "3", "--batch", "2", "--size", "16", "--checkpoint-every", "0");
        assertEquals(0, status);
        assertTrue(Files.isRegularFile(out.resolve("model.json")));
        assertTrue(Files.isRegularFile(out.resolve("weights.bin")));
        assertTrue(Files.isRegularFile(out.resolve("loss-curve.png")));
    }

    @Test
    void trainRejectsBadOptionsWithStatusTwo(@TempDir Path dir) {
        assertEquals(2, DiffPriorCli.commandLine().execute("train", "--images", dir.resolve("none.tif").toString(),
                "--out", dir.resolve("m").toString()));
        assertEquals(2, DiffPriorCli.commandLine().execute("train", "--images", dir.toString(), "--out",
                dir.resolve("m").toString(), "--size", "30"));
    }

    @Test
    void modelsListsTheBundledPriorsWithTheirCards() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = DiffPriorCli.commandLine().execute("models");
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("colin27-brain-64  [bundled]"), text);
        assertTrue(text.contains("predicts v"), text);
        assertTrue(text.contains("licence:"), text);
    }
}
