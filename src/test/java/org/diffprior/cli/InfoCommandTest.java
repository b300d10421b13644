package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class InfoCommandTest {

    @Test
    void printsEngineThreadsNativesModelsAndSelfCheck() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = DiffPriorCli.commandLine().execute("info");
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        for (String expected : new String[] {"Engine: PyTorch", "Device: cpu", "GPU used: no", "Threads: intra-op",
                "Native library:", "Models", "Self-check: passed"}) {
            assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
        }
    }

    @Test
    void badDeviceIsBadInput() {
        assertEquals(2, DiffPriorCli.commandLine().execute("info", "--device", "quantum"));
    }
}
