package org.diffprior.active;

import java.util.Locale;

import org.diffprior.core.InvalidInputException;

/**
 * Scores unacquired k-space columns from the particles' predicted k-space and picks the best ones.
 *
 * <p>For column l let d_ij(l) be the squared distance between particles i and j over all rows, coils and
 * real/imaginary parts. Two rules:
 * <ul>
 * <li>{@link Rule#ENTROPY}: the predictive distribution of the column is approximated by an equal-weight
 *     Gaussian mixture centred at the P particle predictions with isotropic variance σ_e²; its entropy is
 *     estimated, up to a constant, by the pairwise-distance upper bound of Kolchinsky and Tracey,
 *     H(l) ≈ −(1/P) Σ_i log((1/P) Σ_j exp(−KL_ij)), with KL_ij = d_ij(l) / (2σ_e²) between two components.
 *     The terms are bounded (the j = i term is 1), so the sum never overflows or underflows to zero.
 *     (The ADS reference code uses a positive exponent, a soft maximum of distances; this estimate is the
 *     textbook one and is bounded by log P.)</li>
 * <li>{@link Rule#MAX_VARIANCE}: the summed per-pixel variance of the particles in the column.</li>
 * </ul>
 * Both are zero for particles that agree, and grow with their spread.
 */
public final class ColumnSelection {

    /** How columns are scored. */
    public enum Rule {
        ENTROPY, MAX_VARIANCE;

        /** The names users type: {@code entropy}, and {@code variance} or {@code max-variance} for MAX_VARIANCE. */
        public static final String NAMES = "entropy, variance or max-variance";

        /**
         * The rule of a user's name, case and surrounding blanks ignored: the one parser of the command line's
         * {@code --rule} and Fiji's {@code rule=}.
         */
        public static Rule parse(String name) {
            return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
                case "entropy" -> ENTROPY;
                case "variance", "max-variance" -> MAX_VARIANCE;
                default -> throw InvalidInputException.of("rule", "{rule} '" + name + "' is unknown; use " + NAMES);
            };
        }
    }

    private ColumnSelection() {
    }

    /**
     * Scores every column.
     *
     * @param particles per particle, k-space of coils × rows × columns, interleaved complex
     * @param sigmaE the mixture components' standard deviation σ_e (used by {@link Rule#ENTROPY})
     * @return one score per column
     */
    public static double[] scores(float[][] particles, int coils, int rows, int columns, Rule rule, double sigmaE) {
        int p = particles.length;
        double[] result = new double[columns];
        double[][] distance = new double[p][p];
        for (int l = 0; l < columns; l++) {
            if (rule == Rule.MAX_VARIANCE) {
                result[l] = columnVariance(particles, coils, rows, columns, l);
                continue;
            }
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    double d = 0;
                    for (int c = 0; c < coils; c++) {
                        for (int y = 0; y < rows; y++) {
                            int k = 2 * ((c * rows + y) * columns + l);
                            double re = particles[i][k] - particles[j][k];
                            double im = particles[i][k + 1] - particles[j][k + 1];
                            d += re * re + im * im;
                        }
                    }
                    distance[i][j] = d;
                    distance[j][i] = d;
                }
            }
            double scale = 1.0 / (2 * sigmaE * sigmaE);
            double h = 0;
            for (int i = 0; i < p; i++) {
                // log Σ_j exp(−d_ij · scale), with the j = i term (distance 0) as the largest exponent.
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    sum += Math.exp(-distance[i][j] * scale);
                }
                h -= Math.log(sum / p);
            }
            result[l] = h / p;
        }
        return result;
    }

    private static double columnVariance(float[][] particles, int coils, int rows, int columns, int l) {
        int p = particles.length;
        double total = 0;
        for (int c = 0; c < coils; c++) {
            for (int y = 0; y < rows; y++) {
                int k = 2 * ((c * rows + y) * columns + l);
                for (int part = 0; part <= 1; part++) {
                    double mean = 0;
                    for (float[] particle : particles) {
                        mean += particle[k + part];
                    }
                    mean /= p;
                    double var = 0;
                    for (float[] particle : particles) {
                        double d = particle[k + part] - mean;
                        var += d * d;
                    }
                    total += var / p;
                }
            }
        }
        return total;
    }

    /**
     * Picks {@code count} unacquired columns of highest score (fewer if fewer remain), in decreasing score
     * order; ties go to the column nearer the centre (lower frequencies carry more energy).
     */
    public static int[] best(double[] scores, boolean[] acquired, int count) {
        int columns = scores.length;
        boolean[] taken = acquired.clone();
        int[] picked = new int[count];
        int n = 0;
        for (; n < count; n++) {
            int bestColumn = -1;
            for (int l = 0; l < columns; l++) {
                if (taken[l]) {
                    continue;
                }
                if (bestColumn < 0 || scores[l] > scores[bestColumn]
                        || (scores[l] == scores[bestColumn]
                                && Math.abs(l - columns / 2) < Math.abs(bestColumn - columns / 2))) {
                    bestColumn = l;
                }
            }
            if (bestColumn < 0) {
                break;
            }
            taken[bestColumn] = true;
            picked[n] = bestColumn;
        }
        return java.util.Arrays.copyOf(picked, n);
    }
}
