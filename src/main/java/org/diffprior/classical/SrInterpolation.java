package org.diffprior.classical;

import java.util.Locale;
import java.util.SplittableRandom;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Stacks;
import org.diffprior.physics.BicubicDownsampling;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.ResizeKernel;

/**
 * Classical super-resolution and its degradations, as {@code diffprior sr} and {@code simulate sr} do them:
 * bicubic or Lanczos-3 interpolation by an integer scale, optionally projected onto the images whose box or
 * bicubic degradation equals the input exactly; the degradations optionally add seeded Gaussian noise.
 *
 * <pre>{@code
 * float[] low = SrInterpolation.degrade(pixels, 128, 128, 4, "box");
 * float[] high = SrInterpolation.upsample(low, 32, 32, 4, "lanczos", "box");
 * }</pre>
 */
public final class SrInterpolation {

    /** Largest scale: beyond it a low-resolution pixel holds too little of the image to enlarge it. */
    public static final int MAX_SCALE = 16;

    private SrInterpolation() {
    }

    /** The degradation operator (box or bicubic) from a {@code highWidth}×{@code highHeight} image. */
    public static LinearOperator degradation(String name, int highWidth, int highHeight, int scale) {
        checkScale(scale);
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "box" -> new BoxDownsampling(highWidth, highHeight, scale);
            case "bicubic" -> new BicubicDownsampling(highWidth, highHeight, scale);
            default -> throw InvalidInputException.of("degradation",
                    "{degradation} '" + name + "' is unknown; use box or bicubic");
        };
    }

    /** The low-resolution image (width/scale × height/scale); the size must be a multiple of the scale. */
    public static float[] degrade(float[] highRes, int width, int height, int scale, String degradation) {
        checkScale(scale);
        if (width % scale != 0 || height % scale != 0 || width < scale || height < scale) {
            throw new InvalidInputException(
                    "the image is " + width + "x" + height + ", not a multiple of scale " + scale
                            + "; crop it to " + (width / scale * scale) + "x" + (height / scale * scale));
        }
        LinearOperator degrade = degradation(degradation, width, height, scale);
        float[] low = new float[degrade.outputSize()];
        degrade.apply(highRes, low);
        return low;
    }

    /**
     * Degrades every plane of {@code highRes} and adds Gaussian noise of standard deviation {@code noiseSigma}
     * (image units; none when 0) drawn from {@code seed} alone, plane after plane.
     */
    public static FloatImage degrade(FloatImage highRes, int scale, String degradation, double noiseSigma, long seed) {
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw InvalidInputException.of("noise_sigma", "{noise_sigma} must be a number ≥ 0, got " + noiseSigma);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return Stacks.planeByPlane(highRes.slices(), highRes.width() / scale, highRes.height() / scale, z -> {
            float[] plane = degrade(highRes.slice(z), highRes.width(), highRes.height(), scale, degradation);
            for (int i = 0; i < plane.length; i++) {
                plane[i] += (float) (noiseSigma * gaussian(random));
            }
            return plane;
        });
    }

    /**
     * Interpolates by {@code method} (bicubic or lanczos); when {@code consistentWith} names a degradation,
     * the result is projected so that this degradation of it equals {@code lowRes}.
     */
    public static float[] upsample(float[] lowRes, int width, int height, int scale, String method,
            String consistentWith) {
        checkScale(scale);
        ResizeKernel kernel = switch (method == null ? "" : method.trim().toLowerCase(Locale.ROOT)) {
            case "bicubic" -> ResizeKernel.CUBIC;
            case "lanczos" -> ResizeKernel.LANCZOS3;
            default -> throw InvalidInputException.of("method",
                    "{method} '" + method + "' is unknown; use bicubic or lanczos");
        };
        float[] high = Upsampling.upsample(FloatImage.of(width, height, lowRes), scale, kernel).data();
        if (consistentWith == null) {
            return high;
        }
        return Upsampling.enforceConsistency(high, lowRes,
                degradation(consistentWith, width * scale, height * scale, scale));
    }

    /** Standard normal variate (Box–Muller), so the noise depends on the seed alone. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Checks an interpolation or degradation scale: a whole number from {@code smallest} to {@link #MAX_SCALE}. */
    public static void checkScale(int scale, int smallest, String what) {
        if (scale < smallest || scale > MAX_SCALE) {
            throw InvalidInputException.of("scale",
                    "{scale} must be a whole number from " + smallest + " to " + MAX_SCALE
                            + what + ", got " + scale);
        }
    }

    private static void checkScale(int scale) {
        checkScale(scale, 1, "");
    }
}
