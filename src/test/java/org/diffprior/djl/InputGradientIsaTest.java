package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * oneDNN has given wrong input gradients for some channel counts at the default (AVX-512) ISA.
 * The networks' input gradients (what posterior samplers such as DPS use) must equal those of a
 * child JVM limited to SSE4.1, which takes the plain reference kernels.
 */
class InputGradientIsaTest {

    @Test
    void inputGradientsMatchAnSse41Run(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sse41.bin");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                InputGradients.class.getName(), file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("DNNL_MAX_CPU_ISA", "SSE41");
        Process child = builder.start();
        float[] here = InputGradients.compute();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
        float[] reference;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            reference = new float[in.readInt()];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = in.readFloat();
            }
        }
        assertEquals(reference.length, here.length);
        double maxError = 0;
        double maxValue = 0;
        for (int i = 0; i < here.length; i++) {
            assertTrue(Float.isFinite(here[i]), "non-finite input gradient at " + i);
            maxError = Math.max(maxError, Math.abs(here[i] - reference[i]));
            maxValue = Math.max(maxValue, Math.abs(reference[i]));
        }
        assertTrue(maxValue > 0);
        assertTrue(maxError / maxValue < 1e-3, "relative input-gradient error " + maxError / maxValue);
    }
}
