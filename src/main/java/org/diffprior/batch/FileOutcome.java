package org.diffprior.batch;

import java.io.Serializable;

/**
 * The result for one input file: status, the command's exit status (-1 when it was not run), seconds spent,
 * a one-line message (the failure's reason, or a note on the metrics) and PSNR/SSIM against the ground truth
 * (NaN when there is none). Serializable, so that a distributed runner can send it back from its workers.
 *
 * <pre>{@code
 * FileOutcome row = report.outcomes().get(0);
 * if (row.status() == FileStatus.FAILED) System.out.println(row.file() + ": " + row.message());
 * }</pre>
 */
public record FileOutcome(String file, FileStatus status, int exitCode, double seconds, String message,
        double psnr, double ssim) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Exit status recorded for files whose command was not run. */
    public static final int NOT_RUN = -1;

    public FileOutcome {
        message = message == null ? "" : message;
    }

    /** A copy with PSNR, SSIM and a message about them. */
    FileOutcome withMetrics(double psnrDb, double ssimValue, String note) {
        String combined = note == null || note.isEmpty() ? message : message.isEmpty() ? note : message + "; " + note;
        return new FileOutcome(file, status, exitCode, seconds, combined, psnrDb, ssimValue);
    }
}
