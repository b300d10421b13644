package org.diffprior.core;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation: long loops call {@link #check()} between steps, so a cancel never leaves
 * half-written output behind (outputs are written only after the work returns).
 */
public final class CancelToken {

    private volatile boolean cancelled;

    /** Requests cancellation; the work stops at its next check. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} when cancellation was requested. */
    public void check() {
        if (cancelled) {
            throw new CancellationException("cancelled by the user");
        }
    }

    /** A token that is never cancelled. */
    public static CancelToken none() {
        return new CancelToken();
    }
}
