package org.diffprior.command;

import java.util.HashMap;
import java.util.Map;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Imglib2Images;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Phantoms, a naive centred DFT (independent of the physics package) and a one-call command runner. */
final class CommandFixtures {

    private CommandFixtures() {
    }

    /** Two overlapping discs and a bar on a zero background: piecewise constant, values in [0, 1]. */
    static float[] discs(int width, int height) {
        float[] image = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x - width / 2.0) / (width / 2.0);
                double v = (y - height / 2.0) / (height / 2.0);
                double value = 0;
                if (u * u + v * v < 0.6) {
                    value = 0.6;
                }
                if ((u - 0.2) * (u - 0.2) + (v + 0.1) * (v + 0.1) < 0.08) {
                    value = 1.0;
                }
                if (Math.abs(u + 0.3) < 0.08 && Math.abs(v) < 0.4) {
                    value = 0.2;
                }
                image[y * width + x] = (float) value;
            }
        }
        return image;
    }

    static Img<FloatType> img(int width, int height, float[] pixels) {
        return ArrayImgs.floats(pixels.clone(), width, height);
    }

    @SuppressWarnings("unchecked")
    static float[] pixels(CommandModule module, String output) {
        Object value = module.getOutput(output);
        return value == null ? null : Imglib2Images.toFloatImage((Img<FloatType>) value).data();
    }

    @SuppressWarnings("unchecked")
    static long[] dims(CommandModule module, String output) {
        return ((Img<FloatType>) module.getOutput(output)).dimensionsAsLongArray();
    }

    static CommandModule run(Context context, Class<? extends Command> command, Map<String, Object> inputs)
            throws Exception {
        return context.service(CommandService.class).run(command, false, new HashMap<>(inputs)).get();
    }

    /**
     * |ifft2c(mask ⊙ fft2c(image))| by the definition of the orthonormal centred DFT (index k ↔ frequency k − N/2,
     * even sizes), O(N³) and written from the formula, so it checks the FFT-based operators independently.
     */
    static float[] zeroFilledByDefinition(float[] image, float[] mask, int width, int height) {
        double[][] re = new double[height][width];
        double[][] im = new double[height][width];
        for (int i = 0; i < image.length; i++) {
            re[i / width][i % width] = image[i];
        }
        dft(re, im, -1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                re[y][x] *= mask[y * width + x];
                im[y][x] *= mask[y * width + x];
            }
        }
        dft(re, im, +1);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(re[i / width][i % width], im[i / width][i % width]);
        }
        return out;
    }

    private static void dft(double[][] re, double[][] im, int sign) {
        int height = re.length;
        int width = re[0].length;
        for (int y = 0; y < height; y++) {
            double[][] row = line(re[y], im[y], sign);
            re[y] = row[0];
            im[y] = row[1];
        }
        for (int x = 0; x < width; x++) {
            double[] cr = new double[height];
            double[] ci = new double[height];
            for (int y = 0; y < height; y++) {
                cr[y] = re[y][x];
                ci[y] = im[y][x];
            }
            double[][] col = line(cr, ci, sign);
            for (int y = 0; y < height; y++) {
                re[y][x] = col[0][y];
                im[y][x] = col[1][y];
            }
        }
    }

    private static double[][] line(double[] re, double[] im, int sign) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double phase = sign * 2 * Math.PI * (k - n / 2) * (double) (j - n / 2) / n;
                outRe[k] += re[j] * Math.cos(phase) - im[j] * Math.sin(phase);
                outIm[k] += re[j] * Math.sin(phase) + im[j] * Math.cos(phase);
            }
            outRe[k] /= Math.sqrt(n);
            outIm[k] /= Math.sqrt(n);
        }
        return new double[][] {outRe, outIm};
    }

    static FloatImage plane(int width, int height, float[] pixels) {
        return FloatImage.of(width, height, pixels);
    }
}
