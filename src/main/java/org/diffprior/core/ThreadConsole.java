package org.diffprior.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Per-thread capture of the console. While a thread holds a capture, what it prints on {@code System.err} (and,
 * in {@link #quietly}, on {@code System.out}) goes to its own stream; other threads print where the console went
 * before. So several files of a batch can run at once in one JVM (a Spark executor's task threads), each keeping
 * its own failure line, and ImageJ's printed decoding problems (stack traces included) become a one-line reason
 * instead of reaching the user. Captures nest; the console streams are put back when the last one closes.
 *
 * <pre>{@code
 * try (ThreadConsole.Capture c = ThreadConsole.err(buffer)) { ... }
 * ImagePlus image = ThreadConsole.quietly(() -> IJ.openImage(path), said);
 * }</pre>
 */
public final class ThreadConsole {

    /** Ends one thread's capture, restoring the capture it replaced. */
    public interface Capture extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<OutputStream> OUT = new ThreadLocal<>();
    private static final ThreadLocal<OutputStream> ERR = new ThreadLocal<>();

    // Guarded by ThreadConsole.class.
    private static PrintStream previousOut;
    private static PrintStream previousErr;
    private static PrintStream installedOut;
    private static PrintStream installedErr;
    private static int holders;

    private ThreadConsole() {
    }

    /** Sends this thread's {@code System.err} to {@code target} until the capture is closed. */
    public static Capture err(OutputStream target) {
        return capture(null, target);
    }

    /** Runs {@code call}; what this thread prints on either stream meanwhile goes to {@code printed}. */
    public static <T> T quietly(Supplier<T> call, StringBuilder printed) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (Capture ignored = capture(buffer, buffer)) {
            return call.get();
        } finally {
            printed.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private static Capture capture(OutputStream out, OutputStream err) {
        acquire();
        OutputStream outBefore = OUT.get();
        OutputStream errBefore = ERR.get();
        if (out != null) {
            OUT.set(out);
        }
        ERR.set(err);
        return () -> {
            restore(OUT, outBefore);
            restore(ERR, errBefore);
            release();
        };
    }

    private static void restore(ThreadLocal<OutputStream> sink, OutputStream before) {
        if (before == null) {
            sink.remove();
        } else {
            sink.set(before);
        }
    }

    private static synchronized void acquire() {
        if (holders == 0) {
            previousOut = System.out;
            previousErr = System.err;
            installedOut = new PrintStream(new Router(OUT, previousOut), true, StandardCharsets.UTF_8);
            installedErr = new PrintStream(new Router(ERR, previousErr), true, StandardCharsets.UTF_8);
            System.setOut(installedOut);
            System.setErr(installedErr);
        }
        holders++;
    }

    private static synchronized void release() {
        holders--;
        if (holders == 0) {
            // Whoever replaced a console stream meanwhile keeps theirs.
            if (System.out == installedOut) {
                System.setOut(previousOut);
            }
            if (System.err == installedErr) {
                System.setErr(previousErr);
            }
            previousOut = null;
            previousErr = null;
            installedOut = null;
            installedErr = null;
        }
    }

    /** Writes to the current thread's sink, or to the stream the console had before. */
    private static final class Router extends OutputStream {
        private final ThreadLocal<OutputStream> sink;
        private final PrintStream fallback;

        Router(ThreadLocal<OutputStream> sink, PrintStream fallback) {
            this.sink = sink;
            this.fallback = fallback;
        }

        private OutputStream target() {
            OutputStream own = sink.get();
            return own != null ? own : fallback;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}
