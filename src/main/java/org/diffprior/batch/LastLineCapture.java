package org.diffprior.batch;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An error stream for one command run that keeps only its last non-blank line (the one-line reason of the
 * exit-code contract), bounded in size so that a chatty command cannot grow memory; optionally forwards
 * everything to another stream.
 */
final class LastLineCapture extends OutputStream {

    private static final int MAX_LINE_BYTES = 4096;

    private final PrintStream forward;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int length;
    private String lastLine = "";

    /** @param forward where to copy everything written, or null to keep it to ourselves */
    LastLineCapture(PrintStream forward) {
        this.forward = forward;
    }

    @Override
    public synchronized void write(int b) {
        if (forward != null) {
            forward.write(b);
        }
        if (b == '\n' || b == '\r') {
            endLine();
        } else if (length < MAX_LINE_BYTES) {
            line[length++] = (byte) b;
        }
    }

    @Override
    public void flush() {
        if (forward != null) {
            forward.flush();
        }
    }

    private void endLine() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
            lastLine = text;
        }
        length = 0;
    }

    /** The last non-blank line written so far, without the {@code diffprior: } prefix. */
    synchronized String lastLine() {
        endLine();
        return lastLine.replaceFirst("^diffprior: ", "");
    }
}
