package org.diffprior.batch;

import java.util.List;

/**
 * Outcomes of a batch, one per input file in name order, with the counts and the exit status of the
 * whole batch: 0 when every file was done or skipped, 1 when any failure was internal (or a command
 * wrote no output), otherwise 2 (some inputs were bad).
 *
 * <pre>{@code
 * BatchReport report = runner.run(request);
 * System.out.println(report.summaryLine());   // "3 done, 1 skipped, 1 failed"
 * }</pre>
 */
public record BatchReport(List<FileOutcome> outcomes) {

    public BatchReport {
        outcomes = List.copyOf(outcomes);
    }

    /** How many files ended with {@code status}. */
    public long count(FileStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** "N done, N skipped, N failed". */
    public String summaryLine() {
        return count(FileStatus.DONE) + " done, " + count(FileStatus.SKIPPED) + " skipped, "
                + count(FileStatus.FAILED) + " failed";
    }

    /** The batch's exit status; see the class comment. */
    public int exitCode() {
        boolean internal = false;
        boolean badInput = false;
        for (FileOutcome outcome : outcomes) {
            if (outcome.status() == FileStatus.FAILED) {
                if (outcome.exitCode() == 2) {
                    badInput = true;
                } else {
                    internal = true;
                }
            }
        }
        return internal ? 1 : badInput ? 2 : 0;
    }
}
