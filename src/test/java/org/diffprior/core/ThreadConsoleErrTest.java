package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Files of a batch running at once in one JVM each keep their own System.err. */
class ThreadConsoleErrTest {

    @Test
    void eachThreadCapturesOnlyItsOwnLinesAndTheStreamIsRestored() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream outside = new ByteArrayOutputStream();
        PrintStream outsideStream = new PrintStream(outside, true, StandardCharsets.UTF_8);
        System.setErr(outsideStream);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Both captures are open while both threads write, interleaved line by line.
            CountDownLatch bothOpen = new CountDownLatch(2);
            Future<String> a = pool.submit(() -> writeLines("a", bothOpen));
            Future<String> b = pool.submit(() -> writeLines("b", bothOpen));
            assertEquals("a0\na1\na2\na3\na4\n", a.get(10, TimeUnit.SECONDS));
            assertEquals("b0\nb1\nb2\nb3\nb4\n", b.get(10, TimeUnit.SECONDS));
            System.err.println("after");
            assertSame(outsideStream, System.err, "the previous stream is back once the last capture closes");
            assertEquals("between\nafter\n", outside.toString(StandardCharsets.UTF_8),
                    "a thread without a capture writes where System.err went before");
        } finally {
            pool.shutdownNow();
            System.setErr(saved);
        }
    }

    private static String writeLines(String prefix, CountDownLatch bothOpen) throws InterruptedException {
        ByteArrayOutputStream own = new ByteArrayOutputStream();
        try (ThreadConsole.Capture ignored = ThreadConsole.err(own)) {
            bothOpen.countDown();
            bothOpen.await(10, TimeUnit.SECONDS);
            if (prefix.equals("a")) {
                // Another thread, not capturing, writes meanwhile.
                Thread other = new Thread(() -> System.err.println("between"));
                other.start();
                other.join();
            }
            for (int i = 0; i < 5; i++) {
                System.err.println(prefix + i);
                Thread.yield();
            }
        }
        return own.toString(StandardCharsets.UTF_8);
    }
}
