package org.diffprior.core;

/** Receives progress of long work; adapters exist for the console, SciJava's StatusService and ImageJ. */
public interface ProgressListener {

    /** Work {@code done} of {@code total} units is finished; {@code message} says what is running. */
    void progress(long done, long total, String message);

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total, message) -> {};
}
