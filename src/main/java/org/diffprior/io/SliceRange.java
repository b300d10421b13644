package org.diffprior.io;

import java.util.Locale;

import org.diffprior.core.InvalidInputException;

/**
 * Which slices of a k-space file to read, as the {@code slices} option writes them: {@code all}, one slice
 * {@code N} or an inclusive range {@code FIRST-LAST}, counted from 0 (fastMRI's slice axis, BART's dimension 13).
 * Reading only the slices asked for keeps a 35-slice, 15-coil fastMRI file (about 1 GB of k-space) out of memory.
 *
 * <pre>{@code
 * SliceRange range = SliceRange.parse("10-19");          // ten slices
 * int first = range.first(35), count = range.count(35);  // checked against the file's 35 slices
 * }</pre>
 *
 * @param from the first slice, or -1 for all
 * @param to the last slice (inclusive), or -1 for all
 */
public record SliceRange(int from, int to) {

    /** The parameter key of messages ({@code --slices}, {@code slices=}). */
    public static final String KEY = "slices";
    public static final String DEFAULT = "all";
    public static final SliceRange ALL = new SliceRange(-1, -1);

    /** Parses {@code all}, {@code N} or {@code FIRST-LAST}; null or blank is {@code all}. */
    public static SliceRange parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(DEFAULT)) {
            return ALL;
        }
        int dash = value.indexOf('-', 1);
        try {
            int first = Integer.parseInt(dash < 0 ? value : value.substring(0, dash).trim());
            int last = dash < 0 ? first : Integer.parseInt(value.substring(dash + 1).trim());
            if (first >= 0 && last >= first) {
                return new SliceRange(first, last);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.of(KEY, "{" + KEY + "} must be 'all', a slice N or a range FIRST-LAST "
                + "counted from 0 (e.g. 17 or 10-19), got '" + text + "'");
    }

    public boolean isAll() {
        return from < 0;
    }

    /** The first slice read from a file of {@code slices} slices; refuses a range outside it. */
    public int first(int slices, String file) {
        if (!isAll() && to >= slices) {
            throw InvalidInputException.of(KEY, "{" + KEY + "} " + this + " does not exist in " + file + ": it has "
                    + slices + " slices, 0.." + (slices - 1));
        }
        return isAll() ? 0 : from;
    }

    /** How many slices are read from a file of {@code slices} slices. */
    public int count(int slices) {
        return isAll() ? slices : to - from + 1;
    }

    @Override
    public String toString() {
        return isAll() ? DEFAULT : from == to ? Integer.toString(from) : from + "-" + to;
    }
}
