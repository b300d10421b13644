package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ThreadConsoleQuietTest {

    @Test
    void keepsWhatThisThreadPrintsAndLetsOtherThreadsPrint() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            StringBuilder said = new StringBuilder();
            String result = ThreadConsole.quietly(() -> {
                Thread other = new Thread(() -> System.err.println("from another thread"));
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println("from this thread");
                return "opened";
            }, said);
            System.err.println("after");
            assertEquals("opened", result);
            assertEquals("from this thread", said.toString().strip());
            String shown = console.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("from another thread") && shown.contains("after"), shown);
            assertTrue(!shown.contains("from this thread"), shown);
        } finally {
            System.setErr(saved);
        }
    }
}
