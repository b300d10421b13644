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
        float[] here = InputGradients.compute();
        float[] reference = sse41Gradients(dir, 1);
        if (nonFinite(reference) > 0) {
            // One full-suite CI run saw a non-finite value from the SSE4.1 child (never reproduced alone, like
            // the rare non-finite training gradient): the reference is void then, so it is computed once more
            // and the event stays visible in the test output.
            System.err.println("InputGradientIsaTest: the SSE4.1 reference had " + nonFinite(reference)
                    + " non-finite values; recomputing it once");
            reference = sse41Gradients(dir, 2);
        }
        assertEquals(0, nonFinite(reference), "non-finite values in the SSE4.1 reference, twice");
        assertEquals(0, nonFinite(here), "non-finite input gradients at the default ISA");
        assertEquals(reference.length, here.length);
        double maxError = 0;
        double maxValue = 0;
        for (int i = 0; i < here.length; i++) {
            maxError = Math.max(maxError, Math.abs(here[i] - reference[i]));
            maxValue = Math.max(maxValue, Math.abs(reference[i]));
        }
        assertTrue(maxValue > 0, "the reference gradients are all zero");
        assertTrue(maxError / maxValue < 1e-3, "relative input-gradient error " + maxError / maxValue);
    }

    /** {@link InputGradients#compute()} in a child JVM with {@code DNNL_MAX_CPU_ISA=SSE41}. */
    private static float[] sse41Gradients(Path dir, int attempt) throws IOException, InterruptedException {
        Path file = dir.resolve("sse41-" + attempt + ".bin");
        Path log = dir.resolve("child-" + attempt + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                InputGradients.class.getName(), file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DNNL_MAX_CPU_ISA", "SSE41");
        builder.environment().put("DIFFPRIOR_THREADS", "1"); // a reference: one thread, one fixed work split
        Process child = builder.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, child.exitValue(), Files.readString(log));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            float[] values = new float[in.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
            return values;
        }
    }

    private static int nonFinite(float[] values) {
        int count = 0;
        for (float v : values) {
            count += Float.isFinite(v) ? 0 : 1;
        }
        return count;
    }
}
