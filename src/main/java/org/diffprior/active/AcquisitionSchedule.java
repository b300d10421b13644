package org.diffprior.active;

import java.util.Arrays;

import org.diffprior.core.InvalidInputException;

/**
 * When an active-subsampling run acquires lines: {@code columnsToAdd} columns spread over the reverse steps of
 * the window [start, stop) (fractions of the step count), in acquisitions of {@code linesPerAcquisition}
 * columns (the last may take fewer), evenly spaced so that the whole budget is spent inside the window. If
 * the window has fewer steps than acquisitions, more lines are taken per acquisition so it still fits.
 *
 * <pre>{@code
 * AcquisitionSchedule schedule = AcquisitionSchedule.of(50, 0.1, 0.5, 24, 1);
 * int lines = schedule.linesAt(step);   // 0 for steps without an acquisition
 * }</pre>
 */
public final class AcquisitionSchedule {

    private final int[] linesPerStep;

    private AcquisitionSchedule(int[] linesPerStep) {
        this.linesPerStep = linesPerStep;
    }

    /**
     * @param steps reverse steps (network evaluations) of the run
     * @param windowStart first fraction of the steps at which lines may be acquired, in [0, 1)
     * @param windowStop end of the window (exclusive), in (windowStart, 1]
     * @param columnsToAdd columns to acquire in all (0 is allowed)
     * @param linesPerAcquisition columns per acquisition, at least 1
     */
    public static AcquisitionSchedule of(int steps, double windowStart, double windowStop, int columnsToAdd,
            int linesPerAcquisition) {
        if (!(windowStart >= 0 && windowStart < windowStop && windowStop <= 1)) {
            throw InvalidInputException.of("window",
                    "the acquisition {window} must satisfy 0 <= start < stop <= 1, got ["
                            + windowStart + ", " + windowStop + ")");
        }
        if (linesPerAcquisition < 1) {
            throw InvalidInputException.of("lines_per_acquisition", "{lines_per_acquisition} must be at least 1, got "
                    + linesPerAcquisition);
        }
        if (columnsToAdd < 0) {
            throw new IllegalArgumentException("columns to add must be >= 0");
        }
        int first = (int) Math.floor(windowStart * steps);
        int end = Math.max(first + 1, Math.min(steps, (int) Math.ceil(windowStop * steps)));
        if (first >= steps) {
            throw InvalidInputException.of("window", "the acquisition {window} starts after the last of " + steps
                    + " steps; lower its start");
        }
        int windowSteps = end - first;
        int lines = Math.max(linesPerAcquisition, (columnsToAdd + windowSteps - 1) / windowSteps);
        int acquisitions = (columnsToAdd + lines - 1) / lines;
        int[] perStep = new int[steps];
        int remaining = columnsToAdd;
        for (int i = 0; i < acquisitions; i++) {
            // Evenly spaced: acquisition i at the start of its 1/acquisitions share of the window.
            int step = first + (int) ((long) i * windowSteps / acquisitions);
            int take = Math.min(lines, remaining);
            perStep[step] += take;
            remaining -= take;
        }
        return new AcquisitionSchedule(perStep);
    }

    /** Number of columns to acquire at {@code step} (0 when none). */
    public int linesAt(int step) {
        return step >= 0 && step < linesPerStep.length ? linesPerStep[step] : 0;
    }

    /** Steps at which an acquisition happens, increasing. */
    public int[] acquisitionSteps() {
        return java.util.stream.IntStream.range(0, linesPerStep.length).filter(s -> linesPerStep[s] > 0).toArray();
    }

    /** Columns acquired over the whole run. */
    public int totalLines() {
        return Arrays.stream(linesPerStep).sum();
    }
}
