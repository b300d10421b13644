package org.diffprior.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.err} per thread: while a thread holds a {@link Capture}, what it writes to
 * {@code System.err} goes to its own stream, and what other threads write goes where {@code System.err} went
 * before. Several files of a batch can so run at once in one JVM (the task threads of a Spark executor), each
 * keeping its own failure line; the previous stream is put back when the last capture closes.
 */
final class ThreadErr extends OutputStream {

    /** Ends one thread's capture. */
    interface Capture extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<OutputStream> TARGET = new ThreadLocal<>();

    // Guarded by ThreadErr.class.
    private static PrintStream previous;
    private static PrintStream installed;
    private static int holders;

    private final PrintStream fallback;

    private ThreadErr(PrintStream fallback) {
        this.fallback = fallback;
    }

    /** Sends this thread's {@code System.err} to {@code target} until the capture is closed. */
    static Capture capture(OutputStream target) {
        acquire();
        TARGET.set(target);
        return () -> {
            TARGET.remove();
            release();
        };
    }

    private static synchronized void acquire() {
        if (holders == 0) {
            previous = System.err;
            installed = new PrintStream(new ThreadErr(previous), true, StandardCharsets.UTF_8);
            System.setErr(installed);
        }
        holders++;
    }

    private static synchronized void release() {
        holders--;
        if (holders == 0) {
            // Someone who replaced System.err meanwhile keeps their stream.
            if (System.err == installed) {
                System.setErr(previous);
            }
            previous = null;
            installed = null;
        }
    }

    private OutputStream target() {
        OutputStream own = TARGET.get();
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
