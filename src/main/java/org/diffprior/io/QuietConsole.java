package org.diffprior.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Keeps what one thread prints on {@code System.out} and {@code System.err} while it runs a call (ImageJ 1.x
 * reports decoding problems by printing, stack traces included), without touching what other threads print: the
 * console streams are wrapped once by a per-thread router that is never removed, so concurrent runs (batch files
 * on several threads) and other per-thread captures keep their output.
 */
final class QuietConsole extends OutputStream {

    private static final ThreadLocal<OutputStream> SINK = new ThreadLocal<>();
    // Guarded by QuietConsole.class.
    private static PrintStream out;
    private static PrintStream err;

    private final PrintStream fallback;

    private QuietConsole(PrintStream fallback) {
        this.fallback = fallback;
    }

    /** Runs {@code call}; what this thread prints meanwhile goes to {@code printed} instead of the console. */
    static <T> T quietly(Supplier<T> call, StringBuilder printed) {
        install();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        OutputStream before = SINK.get();
        SINK.set(buffer);
        try {
            return call.get();
        } finally {
            if (before == null) {
                SINK.remove();
            } else {
                SINK.set(before);
            }
            printed.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private static synchronized void install() {
        if (System.out != out) {
            out = new PrintStream(new QuietConsole(System.out), true, StandardCharsets.UTF_8);
            System.setOut(out);
        }
        if (System.err != err) {
            err = new PrintStream(new QuietConsole(System.err), true, StandardCharsets.UTF_8);
            System.setErr(err);
        }
    }

    private OutputStream target() {
        OutputStream own = SINK.get();
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
