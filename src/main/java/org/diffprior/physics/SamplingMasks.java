package org.diffprior.physics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;

/**
 * Seeded Cartesian sampling masks, H×W real 0/1 arrays (row-major). 1-D masks sample full columns (the
 * phase-encode direction is x). The acceleration R counts every sampled point including the calibration
 * region: a 1-D mask of W columns keeps exactly floor(W/R) of them. The default calibration (ACS) width
 * follows InverseBench (notes/algorithms.md §1.3): floor(0.08·W) columns for R ≤ 6, floor(0.04·W) otherwise,
 * centred on column W/2; the other columns are drawn without replacement ({@link #random1d}) or spread
 * evenly over the non-calibration columns with a random offset ({@link #equispaced1d}).
 *
 * <pre>{@code
 * float[] mask = SamplingMasks.random1d(256, 256, 4.0, SamplingMasks.defaultCenterFraction(4.0), 42);
 * double r = SamplingMasks.acceleration(mask);   // 256 / 64 = 4.0
 * }</pre>
 */
public final class SamplingMasks {

    private SamplingMasks() {
    }

    /** InverseBench's calibration fraction: 0.08 for R ≤ 6, else 0.04. */
    public static double defaultCenterFraction(double acceleration) {
        return acceleration <= 6 ? 0.08 : 0.04;
    }

    /** Random columns: floor(W·centerFraction) centred calibration columns plus random others, floor(W/R) in all. */
    public static float[] random1d(int height, int width, double acceleration, double centerFraction, long seed) {
        boolean[] centre = calibrationColumns(width, acceleration, centerFraction);
        List<Integer> others = outside(centre);
        int wanted = columnsToAdd(width, acceleration, centre);
        Random random = new Random(seed);
        // Partial Fisher-Yates: the first `wanted` entries become a uniform sample without replacement.
        for (int i = 0; i < wanted; i++) {
            int j = i + random.nextInt(others.size() - i);
            Integer t = others.get(i);
            others.set(i, others.get(j));
            others.set(j, t);
        }
        boolean[] columns = centre.clone();
        for (int i = 0; i < wanted; i++) {
            columns[others.get(i)] = true;
        }
        return fromColumns(height, columns);
    }

    /**
     * Evenly spaced columns outside the calibration region (random offset from the seed), floor(W/R) columns
     * in all; the spacing is (W − ACS)/(floor(W/R) − ACS) non-calibration columns, about R for small ACS.
     */
    public static float[] equispaced1d(int height, int width, double acceleration, double centerFraction, long seed) {
        boolean[] centre = calibrationColumns(width, acceleration, centerFraction);
        List<Integer> others = outside(centre);
        int wanted = columnsToAdd(width, acceleration, centre);
        boolean[] columns = centre.clone();
        if (wanted > 0) {
            double spacing = (double) others.size() / wanted;
            double offset = new Random(seed).nextDouble() * spacing;
            for (int i = 0; i < wanted; i++) {
                columns[others.get((int) Math.floor(offset + i * spacing))] = true;
            }
        }
        return fromColumns(height, columns);
    }

    /**
     * Variable-density random columns: the calibration columns plus others drawn without replacement with weight
     * (1 − |x − W/2| / (W/2))^{@code power}, floor(W/R) columns in all, so that the columns thin out towards the
     * k-space edge as in the compressed-sensing literature's polynomial variable-density masks (power 0 is
     * {@link #random1d}'s uniform draw, in another order). Weighted sampling without replacement by
     * Efraimidis–Spirakis keys u^{1/weight}.
     */
    public static float[] variableDensity1d(int height, int width, double acceleration, double centerFraction,
            double power, long seed) {
        boolean[] centre = calibrationColumns(width, acceleration, centerFraction);
        List<Integer> others = outside(centre);
        int wanted = columnsToAdd(width, acceleration, centre);
        Random random = new Random(seed);
        double[] keys = new double[width];
        for (int x : others) {
            double weight = Math.pow(Math.max(1e-6, 1 - Math.abs(x - width / 2.0) / (width / 2.0)), power);
            keys[x] = Math.pow(random.nextDouble(), 1 / weight);
        }
        others.sort((a, b) -> Double.compare(keys[b], keys[a]));
        boolean[] columns = centre.clone();
        for (int i = 0; i < wanted; i++) {
            columns[others.get(i)] = true;
        }
        return fromColumns(height, columns);
    }

    /**
     * Variable-density Poisson-disc mask in 2-D (both phase-encode directions, as in 3-D Cartesian imaging):
     * a fully sampled centred calibration square of side floor(centerFraction·min(H, W)) and points elsewhere
     * no closer than a radius that grows linearly with the distance from the k-space centre (dense centre,
     * sparse edges). The radius scale is bisected so that the mask samples H·W/R points within 1 %.
     */
    public static float[] poissonDisc2d(int height, int width, double acceleration, double centerFraction, long seed) {
        checkAcceleration(acceleration);
        int target = (int) Math.floor((double) height * width / acceleration);
        int calibration = (int) Math.floor(centerFraction * Math.min(height, width));
        double low = 0.1;
        double high = Math.max(height, width);
        float[] best = null;
        int bestError = Integer.MAX_VALUE;
        for (int iteration = 0; iteration < 30; iteration++) {
            double scale = Math.sqrt(low * high);
            float[] mask = dartThrowing(height, width, scale, calibration, seed);
            int count = count(mask);
            if (Math.abs(count - target) < bestError) {
                bestError = Math.abs(count - target);
                best = mask;
            }
            if (bestError <= target / 100) {
                break;
            }
            if (count > target) {
                low = scale;
            } else {
                high = scale;
            }
        }
        return best;
    }

    /** Reads a mask image: pixels above 0.5 are sampled. Rejects images that are not 0/1. */
    public static float[] fromImage(FloatImage image, String name) {
        if (image.slices() != 1) {
            throw new InvalidInputException(
                    name + ": a mask is a single 2-D image, this one has " + image.slices() + " slices");
        }
        image.requireFinite(name);
        float max = 0;
        for (float v : image.data()) {
            max = Math.max(max, v);
        }
        // 8-bit masks are often saved as 0/255; accept any two-level image with 0 as "not sampled".
        float[] mask = new float[image.data().length];
        for (int i = 0; i < mask.length; i++) {
            float v = image.data()[i];
            if (v != 0 && v != max) {
                throw new InvalidInputException(
                        name + ": mask must hold only 0 and one positive value (e.g. 0/1), found " + v);
            }
            mask[i] = v > 0 ? 1f : 0f;
        }
        if (count(mask) == 0) {
            throw new InvalidInputException(name + ": mask samples no k-space point; use 1 for sampled points");
        }
        return mask;
    }

    /**
     * The points where undersampled k-space holds data (non-zero in some coil), as stored by scanners and fastMRI's
     * test files, which leave unsampled points at exactly 0; refuses k-space without any.
     */
    public static float[] fromData(CoilArray kspace, String name) {
        int points = kspace.height() * kspace.width();
        float[] mask = new float[points];
        float[] data = kspace.data();
        for (int c = 0; c < kspace.coils(); c++) {
            for (int i = 0; i < points; i++) {
                int at = 2 * (c * points + i);
                if (data[at] != 0 || data[at + 1] != 0) {
                    mask[i] = 1;
                }
            }
        }
        if (count(mask) == 0) {
            throw new InvalidInputException(
                    name + ": the k-space is zero everywhere; no sampled point to reconstruct from");
        }
        return mask;
    }

    /**
     * The spacing of an equispaced 1-D mask (GRAPPA-style: every R-th column, plus a fully sampled centre), or 0
     * when the mask is not one: some column partly sampled, fewer than three gaps between sampled columns outside
     * the centre (the longest run of sampled columns), or gaps that differ by more than one column or are single
     * columns. Gaps that straddle the centre are not counted; rounding an uneven spacing such as
     * {@link #equispaced1d}'s leaves gaps of two adjacent lengths.
     */
    public static int equispacedSpacing(float[] mask, int height, int width) {
        if (!isColumnMask(mask, height, width)) {
            return 0;
        }
        boolean[] sampled = new boolean[width];
        for (int x = 0; x < width; x++) {
            sampled[x] = mask[x] != 0;
        }
        // The longest run rather than CalibrationCentre's run symmetric about W/2: an even-width block such as
        // equispaced1d's extends one column further on one side than the symmetric run does.
        int runStart = 0;
        int runLength = 0;
        for (int x = 0, start = 0; x < width; x++) {
            if (!sampled[x]) {
                start = x + 1;
            } else if (x - start + 1 > runLength) {
                runStart = start;
                runLength = x - start + 1;
            }
        }
        if (runLength < 2) {
            runLength = 0; // a single column is not a calibration block
        }
        int gaps = 0;
        int gapSum = 0;
        int minGap = Integer.MAX_VALUE;
        int maxGap = 0;
        int previous = -1;
        for (int x = 0; x < width; x++) {
            boolean inCentre = x >= runStart && x < runStart + runLength;
            if (inCentre) {
                previous = -1;
            } else if (sampled[x]) {
                if (previous >= 0) {
                    int gap = x - previous;
                    gaps++;
                    gapSum += gap;
                    minGap = Math.min(minGap, gap);
                    maxGap = Math.max(maxGap, gap);
                }
                previous = x;
            }
        }
        if (gaps < 3 || minGap < 2 || maxGap - minGap > 1) {
            return 0;
        }
        return (int) Math.round((double) gapSum / gaps);
    }

    /** Whether every column of the mask is either fully sampled or not sampled at all (a 1-D mask). */
    public static boolean isColumnMask(float[] mask, int height, int width) {
        for (int x = 0; x < width; x++) {
            for (int y = 1; y < height; y++) {
                if ((mask[y * width + x] != 0) != (mask[x] != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** W·H divided by the number of sampled points. */
    public static double acceleration(float[] mask) {
        return (double) mask.length / count(mask);
    }

    /** Number of non-zero entries. */
    public static int count(float[] mask) {
        int n = 0;
        for (float v : mask) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    private static void checkAcceleration(double acceleration) {
        if (!(acceleration >= 1)) {
            throw InvalidInputException.of("acceleration", "{acceleration} must be at least 1, got " + acceleration);
        }
    }

    /**
     * The calibration columns of a 1-D mask: floor(centerFraction·W) columns centred on W/2 (none for a fraction
     * of 0), checked to fit in the floor(W/R) columns of acceleration R.
     */
    public static boolean[] calibrationColumns(int width, double acceleration, double centerFraction) {
        checkAcceleration(acceleration);
        if (!(centerFraction >= 0 && centerFraction <= 1)) {
            throw InvalidInputException.of("center_fraction",
                    "{center_fraction} must lie in [0, 1], got " + centerFraction);
        }
        int total = (int) Math.floor(width / acceleration);
        int calibration = (int) Math.floor(centerFraction * width);
        if (calibration > total) {
            throw InvalidInputException.of("center_fraction",
                    "calibration region of " + calibration + " columns exceeds "
                            + "the " + total + " columns allowed by acceleration " + acceleration
                            + "; lower {center_fraction}");
        }
        if (total == 0) {
            throw InvalidInputException.of("acceleration",
                    "{acceleration} " + acceleration + " leaves no column of " + width + "; lower it");
        }
        boolean[] columns = new boolean[width];
        int start = width / 2 - calibration / 2;
        for (int i = 0; i < calibration; i++) {
            columns[start + i] = true;
        }
        return columns;
    }

    private static int columnsToAdd(int width, double acceleration, boolean[] centre) {
        int calibration = 0;
        for (boolean b : centre) {
            calibration += b ? 1 : 0;
        }
        return (int) Math.floor(width / acceleration) - calibration;
    }

    private static List<Integer> outside(boolean[] centre) {
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < centre.length; i++) {
            if (!centre[i]) {
                others.add(i);
            }
        }
        return others;
    }

    /** The H×W mask that samples the given columns fully (row-major, 0/1). */
    public static float[] fromColumns(int height, boolean[] columns) {
        int width = columns.length;
        float[] mask = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask[y * width + x] = columns[x] ? 1f : 0f;
            }
        }
        return mask;
    }

    /** One dart-throwing pass over a seeded random order of all grid points. */
    private static float[] dartThrowing(int height, int width, double scale, int calibration, long seed) {
        float[] mask = new float[height * width];
        int cy = height / 2;
        int cx = width / 2;
        int y0 = cy - calibration / 2;
        int x0 = cx - calibration / 2;
        for (int y = y0; y < y0 + calibration; y++) {
            for (int x = x0; x < x0 + calibration; x++) {
                mask[y * width + x] = 1f;
            }
        }
        int[] order = new int[height * width];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int index : order) {
            if (mask[index] != 0) {
                continue;
            }
            int y = index / width;
            int x = index % width;
            double dy = (y - cy) / (height / 2.0);
            double dx = (x - cx) / (width / 2.0);
            // Minimum distance grows from `scale`/4 at the centre to `scale` at the corners.
            double radius = scale * (0.25 + 0.75 * Math.hypot(dy, dx) / Math.sqrt(2));
            if (isFree(mask, height, width, y, x, radius)) {
                mask[index] = 1f;
            }
        }
        return mask;
    }

    private static boolean isFree(float[] mask, int height, int width, int y, int x, double radius) {
        if (radius < 1) {
            return true;
        }
        int r = (int) Math.ceil(radius);
        double r2 = radius * radius;
        for (int yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
                if (mask[yy * width + xx] != 0 && (yy - y) * (yy - y) + (xx - x) * (xx - x) < r2) {
                    return false;
                }
            }
        }
        return true;
    }
}
