package org.diffprior.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.diffprior.core.Metrics;

/**
 * The held-out validation figures of a model card: denoising PSNR of a model and of the best Gaussian
 * filter at a few noise levels. The Gaussian baseline is there so a reader can tell whether the prior
 * learnt anything beyond smoothing; {@code diffprior train} writes these figures, and
 * {@code bench.CardValidation} recomputes them for an existing model on other images.
 *
 * <pre>{@code
 * TrainingImages held = TrainingImages.read(List.of(Path.of("validation.tif")), 1);
 * Map<String, Double> figures = ValidationFigures.validate(new DjlDenoiser(model), held, 12345);
 * System.out.println(figures.get("psnr_sigma0.1") + " vs " + figures.get("gaussian_psnr_sigma0.1"));
 * }</pre>
 */
public final class ValidationFigures {

    /** Image noise levels (in [0, 1] image units) at which validation PSNR is measured. */
    private static final double[] VALIDATION_SIGMAS = {0.05, 0.1, 0.2};
    private static final double[] GAUSSIAN_WIDTHS = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0};

    private ValidationFigures() {
    }

    /**
     * Denoising PSNR of {@code denoiser} and of the best Gaussian filter (width chosen per noise
     * level with the clean images, favouring the baseline) at {@link #VALIDATION_SIGMAS}.
     */
    public static Map<String, Double> validate(DjlDenoiser denoiser, TrainingImages images, long seed) {
        Map<String, Double> figures = new LinkedHashMap<>();
        int channels = images.channels();
        for (double noise : VALIDATION_SIGMAS) {
            SplittableRandom random = new SplittableRandom(seed);
            double modelPsnr = 0;
            double[] gaussianPsnr = new double[GAUSSIAN_WIDTHS.length];
            for (int index = 0; index < images.size(); index++) {
                int height = images.height(index);
                int width = images.width(index);
                int plane = height * width;
                float[] planes = images.image(index);
                float[] clean = new float[planes.length];
                float[] noisy = new float[planes.length];
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < plane; i++) {
                        clean[i * channels + c] = planes[c * plane + i];
                        noisy[i * channels + c] = (float) (planes[c * plane + i] + noise * random.nextGaussian());
                    }
                }
                double alpha = 1 / Math.sqrt(1 + noise * noise);
                float[] xt = new float[noisy.length];
                for (int i = 0; i < xt.length; i++) {
                    xt[i] = (float) (alpha * noisy[i]);
                }
                float[] estimate = denoiser.denoise(new float[][] {xt}, height, width, new double[] {alpha},
                        new double[] {noise * alpha})[0];
                modelPsnr += Metrics.psnr(clean, estimate);
                for (int w = 0; w < GAUSSIAN_WIDTHS.length; w++) {
                    float[] smooth = new float[noisy.length];
                    for (int c = 0; c < channels; c++) {
                        float[] channel = new float[plane];
                        for (int i = 0; i < plane; i++) {
                            channel[i] = noisy[i * channels + c];
                        }
                        float[] filtered = GaussianFilter.apply(channel, height, width, GAUSSIAN_WIDTHS[w]);
                        for (int i = 0; i < plane; i++) {
                            smooth[i * channels + c] = filtered[i];
                        }
                    }
                    gaussianPsnr[w] += Metrics.psnr(clean, smooth);
                }
            }
            int best = 0;
            for (int w = 1; w < GAUSSIAN_WIDTHS.length; w++) {
                if (gaussianPsnr[w] > gaussianPsnr[best]) {
                    best = w;
                }
            }
            String key = "sigma" + noise;
            figures.put("psnr_" + key, round(modelPsnr / images.size(), 2));
            figures.put("gaussian_psnr_" + key, round(gaussianPsnr[best] / images.size(), 2));
            figures.put("gaussian_width_" + key, GAUSSIAN_WIDTHS[best]);
        }
        return figures;
    }

    /** A figure rounded to {@code digits} decimals, so the card shows what was measured and not float noise. */
    static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }
}
