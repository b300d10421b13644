package org.diffprior.cli;

import java.io.PrintStream;

import org.diffprior.core.ProgressListener;

/**
 * A one-line console progress bar with percentage, elapsed time and ETA, redrawn in place on a
 * terminal and printed at most every few seconds when stderr is a file or pipe (batch logs stay short).
 */
final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int lastPercent = -1;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.interactive = System.console() != null;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        long now = System.nanoTime();
        int percent = total > 0 ? (int) (100 * done / total) : 0;
        boolean finished = total > 0 && done >= total;
        long minInterval = interactive ? 100_000_000L : 5_000_000_000L;
        if (!finished && (percent == lastPercent || now - lastPrint < minInterval)) {
            return;
        }
        lastPrint = now;
        lastPercent = percent;
        double elapsed = (now - start) / 1e9;
        double eta = done > 0 && total > 0 ? elapsed * (total - done) / done : Double.NaN;
        int filled = total > 0 ? (int) (WIDTH * Math.min(done, total) / total) : 0;
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String line = String.format("[%s] %3d%% %s  %s elapsed%s", bar, percent, message == null ? "" : message,
                format(elapsed), Double.isNaN(eta) || finished ? "" : ", ETA " + format(eta));
        if (interactive) {
            out.print("\r" + line + (finished ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
