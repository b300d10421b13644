package org.diffprior.batch;

import java.util.Locale;

/** What happened to one input file of a batch. */
public enum FileStatus {
    /** The command succeeded and wrote the output. */
    DONE,
    /** The output existed already; the command was not run. */
    SKIPPED,
    /** The command failed (bad input or internal failure) or wrote no output. */
    FAILED;

    /** The lower-case word used in the summary CSV and on the console. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
