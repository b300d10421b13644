package org.diffprior.physics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.diffprior.core.InvalidInputException;

/**
 * View angles in degrees from the {@code angles} parameter's text (DESIGN.md §4): a comma-separated list
 * ({@code 0,45,90}), {@code start:stop:count} for {@code count} equispaced angles from {@code start}
 * with {@code stop} excluded (numpy's {@code linspace(start, stop, count, endpoint=False)}), or the path
 * of a JSON file holding a list of numbers.
 *
 * <pre>{@code
 * double[] sparseView = CtAngles.parse("0:180:30");   // 0, 6, ..., 174
 * double[] limited = CtAngles.parse("0:120:120");     // 0, 1, ..., 119
 * }</pre>
 */
public final class CtAngles {

    /** More views than any scanner records; bounds the arrays a typo (an extra zero or ten) would allocate. */
    public static final int MAX_ANGLES = 65_536;
    private static final long MAX_JSON_BYTES = 16L << 20;

    private CtAngles() {
    }

    private static final String NUMBERS = "[-+0-9.eE,:\\s]+";

    /** Parses {@code text}; bad text gives an {@link InvalidInputException} that shows the accepted forms. */
    public static double[] parse(String text) {
        String spec = text == null ? "" : text.trim();
        if (spec.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        // Text made only of numbers and separators is never a file name, even if such a file exists.
        if (!spec.matches(NUMBERS)) {
            return fromJsonFile(Path.of(spec));
        }
        if (spec.contains(":")) {
            return range(spec);
        }
        List<Double> values = new ArrayList<>();
        for (String part : spec.split(",")) {
            values.add(number(part, text));
        }
        return toArray(values, text);
    }

    /** The JSON file that {@code text} names, or null when it is a list or range of numbers. */
    public static Path file(String text) {
        String spec = text == null ? "" : text.trim();
        return spec.isEmpty() || spec.matches(NUMBERS) ? null : Path.of(spec);
    }

    /** {@code count} angles {@code start + k (stop − start) / count}, k = 0..count−1. */
    public static double[] equispaced(double start, double stop, int count) {
        double[] angles = new double[count];
        for (int k = 0; k < count; k++) {
            angles[k] = start + k * (stop - start) / count;
        }
        return angles;
    }

    private static double[] range(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3) {
            throw invalid(spec, "a range needs exactly start:stop:count");
        }
        double start = number(parts[0], spec);
        double stop = number(parts[1], spec);
        int count;
        try {
            count = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw invalid(spec, "the count '" + parts[2].trim() + "' is not a whole number");
        }
        if (count < 1 || count > MAX_ANGLES) {
            throw invalid(spec, "the count must lie in 1.." + MAX_ANGLES + ", got " + count);
        }
        if (!(stop != start)) {
            throw invalid(spec, "start and stop must differ");
        }
        return equispaced(start, stop, count);
    }

    private static double[] fromJsonFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw invalid(file.toString(), "neither numbers nor an existing JSON file");
        }
        String json;
        try {
            if (Files.size(file) > MAX_JSON_BYTES) {
                throw invalid(file.toString(), "the file is larger than " + (MAX_JSON_BYTES >> 20) + " MB");
            }
            json = Files.readString(file).trim();
        } catch (IOException e) {
            throw InvalidInputException.of("angles", "{angles} " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        // A flat list of numbers is all we accept, so a full JSON parser is not needed.
        if (!json.startsWith("[") || !json.endsWith("]")) {
            throw InvalidInputException.of("angles",
                    "{angles} " + file + ": expected a JSON list of degrees such as [0, 6, 12]");
        }
        String inner = json.substring(1, json.length() - 1).trim();
        List<Double> values = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String part : inner.split(",")) {
                values.add(number(part, file.toString()));
            }
        }
        return toArray(values, file.toString());
    }

    private static double number(String part, String spec) {
        try {
            double value = Double.parseDouble(part.trim());
            if (!Double.isFinite(value)) {
                throw invalid(spec, "'" + part.trim() + "' is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(spec, "'" + part.trim() + "' is not a number");
        }
    }

    private static double[] toArray(List<Double> values, String spec) {
        if (values.isEmpty()) {
            throw invalid(spec, "no angles given");
        }
        if (values.size() > MAX_ANGLES) {
            throw invalid(spec, values.size() + " angles, more than " + MAX_ANGLES);
        }
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    private static InvalidInputException invalid(String spec, String reason) {
        return InvalidInputException.of("angles", "{angles} '" + spec + "': " + reason
                + "; use degrees as 0,45,90 or start:stop:count (e.g. 0:180:60) or a JSON file with a list");
    }
}
