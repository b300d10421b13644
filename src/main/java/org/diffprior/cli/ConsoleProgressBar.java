package org.diffprior.cli;

import org.diffprior.core.ProgressListener;

/**
 * A one-line console progress bar with rate and ETA on stderr, redrawn at most twice a second.
 *
 * <pre>{@code
 * ConsoleProgressBar bar = new ConsoleProgressBar("train");
 * work.run(bar);
 * bar.finish();
 * }</pre>
 */
final class ConsoleProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long firstDone = -1;
    private long lastDrawNanos;
    private boolean drawn;

    ConsoleProgressBar(String label) {
        this.label = label;
    }

    @Override
    public void progress(long done, long total, String message) {
        long now = System.nanoTime();
        if (firstDone < 0) {
            firstDone = done - 1;
        }
        if (done < total && now - lastDrawNanos < 500_000_000L) {
            return;
        }
        lastDrawNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = (done - firstDone) / Math.max(seconds, 1e-9);
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        System.err.printf("\r%s [%s] %d/%d %s %.2f/s ETA %dm%02ds ", label, bar, done, total, message, rate, eta / 60,
                eta % 60);
        drawn = true;
    }

    /** Ends the bar's line. */
    void finish() {
        if (drawn) {
            System.err.println();
        }
    }
}
