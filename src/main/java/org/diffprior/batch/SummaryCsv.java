package org.diffprior.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.diffprior.io.AtomicFiles;

/**
 * The batch summary as RFC 4180 CSV, one row per input file:
 * {@code file,status,exit_code,seconds,psnr_db,ssim,message}; numbers with a dot decimal separator, empty
 * cells where there is no value (command not run, no ground truth), {@code inf} for the PSNR of
 * an output identical to its truth. Written atomically.
 *
 * <pre>{@code
 * SummaryCsv.write(Path.of("hr/batch-summary.csv"), report.outcomes());
 * }</pre>
 */
public final class SummaryCsv {

    /** The header row. */
    public static final String HEADER = "file,status,exit_code,seconds,psnr_db,ssim,message";

    private SummaryCsv() {
    }

    /** Writes the rows to {@code target}, replacing it only once the whole file is written. */
    public static void write(Path target, List<FileOutcome> outcomes) throws IOException {
        String text = format(outcomes);
        AtomicFiles.write(target, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    /** The CSV text, header included, lines ending in {@code \n}. */
    public static String format(List<FileOutcome> outcomes) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (FileOutcome o : outcomes) {
            csv.append(quote(o.file())).append(',')
                    .append(o.status().word()).append(',')
                    .append(o.exitCode() == FileOutcome.NOT_RUN ? "" : Integer.toString(o.exitCode())).append(',')
                    .append(o.exitCode() == FileOutcome.NOT_RUN ? "" : String.format(Locale.ROOT, "%.3f", o.seconds()))
                    .append(',')
                    .append(number(o.psnr(), "%.4f")).append(',')
                    .append(number(o.ssim(), "%.6f")).append(',')
                    .append(quote(o.message())).append('\n');
        }
        return csv.toString();
    }

    private static String number(double value, String format) {
        if (value == Double.POSITIVE_INFINITY) {
            return "inf";   // PSNR of an output identical to the truth; Python's float() reads it
        }
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "";
    }

    /** Quotes a cell when it holds a comma, quote or line break, doubling inner quotes. */
    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
