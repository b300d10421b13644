package org.diffprior.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.diffprior.physics.CalibrationCentre;
import org.diffprior.physics.CoilArray;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.MriMeasurement;
import org.diffprior.physics.SamplingMasks;

/**
 * Measured k-space held out for self-validation ({@link MriAuto}): how a mask is split into kept and held-out
 * points (whole columns of a 1-D mask, scattered points otherwise, the calibration centre always kept), and the
 * error with which an image predicts the held-out values.
 *
 * <pre>{@code
 * float[][] keptAndHeldOut = HeldOutKspace.split(mask, h, w, seed, fold);
 * double error = new HeldOutKspace(kspaces, heldOutMasks, maps).error(images);
 * }</pre>
 */
final class HeldOutKspace {

    /** Fraction of the sampled points outside the calibration centre held out for validation, per fold. */
    static final double HELD_OUT_FRACTION = 0.1;
    /** Fraction of the sampled columns outside the centre held out by {@link MriAuto.HoldOut#COLUMNS}, per fold. */
    static final double HELD_OUT_COLUMN_FRACTION = 0.15;

    private final List<LinearOperator> operators = new ArrayList<>();
    private final List<CoilArray> kspaces;
    private final List<float[]> masks;

    /** The held-out points {@code masks} of every slice, their operators built once. */
    HeldOutKspace(List<CoilArray> kspaces, List<float[]> masks, List<CoilArray> maps) {
        this.kspaces = kspaces;
        this.masks = masks;
        for (int s = 0; s < kspaces.size(); s++) {
            CoilArray k = kspaces.get(s);
            operators.add(MriMeasurement.complexOperator(k.height(), k.width(), masks.get(s),
                    maps == null ? null : maps.get(s)));
        }
    }

    /** Radial bands in which {@link #densityWeights} measures the sampling density. */
    static final int DENSITY_BANDS = 12;

    /**
     * What {@link #unitErrors} needs of the full masks, the same for every fold and candidate, so computed once per
     * run: each slice's {@link #densityWeights}, and whether its units are whole columns ({@code columns} and a
     * column mask) or points.
     */
    record Units(List<float[]> weights, boolean[] byColumn) {

        static Units of(List<CoilArray> kspaces, List<float[]> fullMasks, boolean columns) {
            List<float[]> weights = new ArrayList<>();
            boolean[] byColumn = new boolean[kspaces.size()];
            for (int s = 0; s < kspaces.size(); s++) {
                CoilArray k = kspaces.get(s);
                weights.add(densityWeights(fullMasks.get(s), k.height(), k.width()));
                byColumn[s] = columns && SamplingMasks.isColumnMask(fullMasks.get(s), k.height(), k.width());
            }
            return new Units(weights, byColumn);
        }
    }

    /**
     * Per held-out unit (a whole column or a point, as {@code layout} says) of every slice in turn,
     * Σ_coils w(k) |(A x)(k) − y(k)|² over the unit's points k (|y(k)|² for null images), with w the layout's
     * density weights: what auto's selection compares, unit by unit, so that it can also tell whether a difference
     * is larger than its spread.
     */
    double[] unitErrors(List<float[]> images, Units layout) {
        List<double[]> perSlice = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < kspaces.size(); s++) {
            CoilArray k = kspaces.get(s);
            int width = k.width();
            int pixels = k.height() * width;
            float[] held = masks.get(s);
            float[] weights = layout.weights().get(s);
            boolean byColumn = layout.byColumn()[s];
            float[] residual = new float[operators.get(s).outputSize()];
            residual(operators.get(s), images == null ? null : images.get(s), k.data(), held, residual);
            double[] byPixel = new double[pixels];
            for (int i = 0; i < residual.length; i += 2) {
                int p = (i / 2) % pixels;
                byPixel[p] += weights[p]
                        * (residual[i] * (double) residual[i] + residual[i + 1] * (double) residual[i + 1]);
            }
            // Units in pixel (or column) order; only those held out.
            double[] units = new double[byColumn ? width : pixels];
            boolean[] present = new boolean[units.length];
            for (int p = 0; p < pixels; p++) {
                if (held[p] != 0) {
                    int u = byColumn ? p % width : p;
                    units[u] += byPixel[p];
                    present[u] = true;
                }
            }
            double[] kept = new double[units.length];
            int n = 0;
            for (int u = 0; u < units.length; u++) {
                if (present[u]) {
                    kept[n++] = units[u];
                }
            }
            perSlice.add(Arrays.copyOf(kept, n));
            total += n;
        }
        double[] out = new double[total];
        int offset = 0;
        for (double[] units : perSlice) {
            System.arraycopy(units, 0, out, offset, units.length);
            offset += units.length;
        }
        return out;
    }

    /**
     * (1 − p)/p per k-space point, p the fraction of the mask's points sampled in the point's radial band
     * ({@link #DENSITY_BANDS} bands of the normalised radius |k|): importance weights that make held-out points,
     * drawn where the mask samples (densely near the centre of a variable-density mask), stand for the points it
     * does not sample, where the reconstruction has to fill in. Uniform masks get equal weights outside the centre.
     */
    static float[] densityWeights(float[] mask, int height, int width) {
        double[] radius = new double[height * width];
        double largest = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = Math.hypot((y - height / 2) / (double) height, (x - width / 2) / (double) width);
                radius[y * width + x] = r;
                largest = Math.max(largest, r);
            }
        }
        int[] band = new int[radius.length];
        double[] sampled = new double[DENSITY_BANDS];
        double[] count = new double[DENSITY_BANDS];
        for (int i = 0; i < radius.length; i++) {
            band[i] = Math.min((int) (radius[i] / largest * DENSITY_BANDS), DENSITY_BANDS - 1);
            sampled[band[i]] += mask[i] != 0 ? 1 : 0;
            count[band[i]]++;
        }
        float[] weights = new float[radius.length];
        for (int i = 0; i < weights.length; i++) {
            double p = Math.min(1, Math.max(1e-3, sampled[band[i]] / count[band[i]]));
            // A small floor keeps fully sampled bands (the calibration centre) in the sum.
            weights[i] = (float) ((1 - p) / p + 1e-3);
        }
        return weights;
    }

    /** ‖P_Λ(A x) − y_Λ‖², summed over slices, of complex images in input units (‖P_Λ y‖² for null). */
    double error(List<float[]> images) {
        double error = 0;
        for (int s = 0; s < kspaces.size(); s++) {
            error += squaredNorm(operators.get(s), images == null ? null : images.get(s), kspaces.get(s).data(),
                    masks.get(s));
        }
        return error;
    }

    /**
     * ‖P_Λ(A x) − y_Λ‖² of slice s's complex image x (input units); fills {@code gradient} with its gradient
     * 2 Aᴴ P_Λ(A x − y) with respect to x.
     */
    double errorAndGradient(int s, float[] image, float[] gradient) {
        LinearOperator onHeldOut = operators.get(s);
        float[] residual = new float[onHeldOut.outputSize()];
        double error = residual(onHeldOut, image, kspaces.get(s).data(), masks.get(s), residual);
        onHeldOut.adjoint(residual, gradient);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] *= 2;
        }
        return error;
    }

    /**
     * {kept, held out}: the sampled points of the contiguous fully sampled centre (rows and columns through
     * the k-space centre) are always kept; of the others a seeded {@link #HELD_OUT_FRACTION} is held out.
     */
    static float[][] split(float[] mask, int height, int width, long seed, int fold) {
        boolean[] centre = CalibrationCentre.region(mask, height, width);
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        float[] kept = mask.clone();
        float[] heldOut = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            // One draw per point for all folds, so the folds' held-out sets are disjoint.
            double u = random.nextDouble();
            if (mask[i] != 0 && !centre[i] && u >= fold * HELD_OUT_FRACTION && u < (fold + 1) * HELD_OUT_FRACTION) {
                kept[i] = 0;
                heldOut[i] = mask[i];
            }
        }
        return new float[][] {kept, heldOut};
    }

    /**
     * {kept, held out} for a column mask: {@link #HELD_OUT_COLUMN_FRACTION} of the sampled columns outside the
     * calibration centre (at least 2) are held out whole, so that what is scored is what the reconstruction has
     * to fill in: missing columns, not missing points of measured columns.
     */
    static float[][] splitColumns(float[] mask, int height, int width, long seed, int fold) {
        boolean[] centre = CalibrationCentre.region(mask, height, width);
        List<Integer> candidates = new ArrayList<>();
        for (int x = 0; x < width; x++) {
            if (mask[x] != 0 && !centre[(height / 2) * width + x]) {
                candidates.add(x);
            }
        }
        Collections.shuffle(candidates, new Random(seed * 0x9E3779B97F4A7C15L + 29));
        int count = Math.max(2, (int) Math.round(HELD_OUT_COLUMN_FRACTION * candidates.size()));
        float[] kept = mask.clone();
        float[] heldOut = new float[mask.length];
        for (int c = fold * count; c < Math.min(candidates.size(), (fold + 1) * count); c++) {
            int x = candidates.get(c);
            for (int y = 0; y < height; y++) {
                kept[y * width + x] = 0;
                heldOut[y * width + x] = mask[y * width + x];
            }
        }
        return new float[][] {kept, heldOut};
    }

    /** ‖P_Λ(A x) − y‖² over the held-out points (‖P_Λ y‖² when x is null). */
    private static double squaredNorm(LinearOperator onHeldOut, float[] image, float[] kspace, float[] heldOut) {
        return residual(onHeldOut, image, kspace, heldOut, new float[onHeldOut.outputSize()]);
    }

    /**
     * Fills {@code residual} with P_Λ(A x − y) (zero off the held-out points; −P_Λ y when x is null) and returns
     * its squared norm.
     */
    private static double residual(LinearOperator onHeldOut, float[] image, float[] kspace, float[] heldOut,
            float[] residual) {
        if (image != null) {
            onHeldOut.apply(image, residual);
        }
        int points = heldOut.length;
        double sum = 0;
        for (int i = 0; i < residual.length; i += 2) {
            if (heldOut[(i / 2) % points] != 0) {
                residual[i] -= kspace[i];
                residual[i + 1] -= kspace[i + 1];
                sum += residual[i] * (double) residual[i] + residual[i + 1] * (double) residual[i + 1];
            } else {
                residual[i] = 0;
                residual[i + 1] = 0;
            }
        }
        return sum;
    }
}
