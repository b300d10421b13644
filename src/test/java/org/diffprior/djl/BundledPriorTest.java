package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;

import org.diffprior.core.Metrics;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled priors load by name with verified checksums, keep their weights under 5 MB and denoise
 * held-out images (never seen in training) better than the best Gaussian filter: Colin27 slices, the
 * scikit-image camera, and for ct-64 both synthetic phantoms from another seed (the first three images of
 * make_ct_phantoms.py's val.tif) and the real CT slice pydicom CT_small.dcm (test-images/ct_small_norm.tif).
 */
class BundledPriorTest {

    private static final double[] GAUSSIAN_WIDTHS = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0};

    @ParameterizedTest
    @CsvSource({"colin27-brain-64, /colin27-val-3.tif, 0.1", "colin27-brain-64, /colin27-val-3.tif, 0.2",
            "universal-mri-128, test-images/colin27_heldout_axial100_128.tif, 0.1",
            "universal-mri-128, test-images/colin27_heldout_axial104_128.tif, 0.2",
            "colin27-complex-64, /colin27-complex-val-2.tif, 0.1",
            "colin27-complex-64, /colin27-complex-val-2.tif, 0.2",
            "universal-grey-128, test-images/colin27_heldout_axial100_128.tif, 0.1",
            "universal-grey-128, test-images/colin27_heldout_axial104_128.tif, 0.2",
            "ct-64, /ct-phantoms-val-3.tif, 0.05", "ct-64, /ct-phantoms-val-3.tif, 0.1",
            "ct-64, /ct-phantoms-val-3.tif, 0.2", "ct-64, /ct-small-norm.tif, 0.05",
            "ct-64, /ct-small-norm.tif, 0.1", "ct-64, /ct-small-norm.tif, 0.2"})
    void beatsTheBestGaussianFilterOnHeldOutSlices(String name, String slices, double noise) throws Exception {
        DjlDenoiser denoiser = DjlDenoiser.open(name);
        int channels = denoiser.channels();
        // A leading "/" names a test resource; other paths are relative to the project (test-images/).
        FloatImage stack = ImageFiles.read(slices.startsWith("/") ? resource(slices) : Path.of(slices));
        int h = stack.height();
        int w = stack.width();
        int plane = h * w;
        Random random = new Random(2024);
        double model = 0;
        double gaussian = 0;
        int images = stack.slices() / channels;
        for (int n = 0; n < images; n++) {
            float[] clean = new float[channels * plane];
            double max = 0;
            for (int c = 0; c < channels; c++) {
                float[] p = stack.slice(n * channels + c);
                for (int i = 0; i < plane; i++) {
                    clean[i * channels + c] = p[i];
                }
            }
            for (int i = 0; i < plane; i++) {
                double m = 0;
                for (int c = 0; c < channels; c++) {
                    m += clean[i * channels + c] * (double) clean[i * channels + c];
                }
                max = Math.max(max, Math.sqrt(m));
            }
            float[] noisy = new float[clean.length];
            for (int i = 0; i < clean.length; i++) {
                clean[i] /= (float) max;
                noisy[i] = (float) (clean[i] + noise * random.nextGaussian());
            }
            double alpha = 1 / Math.sqrt(1 + noise * noise);
            float[] xt = new float[noisy.length];
            for (int i = 0; i < xt.length; i++) {
                xt[i] = (float) (alpha * noisy[i]);
            }
            float[] estimate = denoiser.denoise(new float[][] {xt}, h, w, new double[] {alpha},
                    new double[] {alpha * noise})[0];
            model += Metrics.psnr(clean, estimate);
            double best = Double.NEGATIVE_INFINITY;
            for (double width : GAUSSIAN_WIDTHS) {
                float[] smooth = new float[noisy.length];
                for (int c = 0; c < channels; c++) {
                    float[] one = new float[plane];
                    for (int i = 0; i < plane; i++) {
                        one[i] = noisy[i * channels + c];
                    }
                    float[] filtered = GaussianFilter.apply(one, h, w, width);
                    for (int i = 0; i < plane; i++) {
                        smooth[i * channels + c] = filtered[i];
                    }
                }
                best = Math.max(best, Metrics.psnr(clean, smooth));
            }
            gaussian += best;
        }
        model /= images;
        gaussian /= images;
        System.out.printf("%s sigma %.2f: prior %.2f dB, best Gaussian %.2f dB%n", name, noise, model, gaussian);
        assertTrue(model > gaussian + 0.5,
                String.format("%s at sigma %.2f: prior %.2f dB, best Gaussian %.2f dB", name, noise, model, gaussian));
    }

    @ParameterizedTest
    @CsvSource({"universal-mri-128, 1", "colin27-brain-64, 1", "colin27-complex-64, 2", "universal-grey-128, 1",
            "ct-64, 1"})
    void loadsByNameWithAVerifiedCardUnderFiveMegabytes(String name, int channels) throws IOException {
        PriorModel model = ModelStore.open(name);
        assertEquals(channels, model.card().imageChannels());
        assertEquals("v", model.card().parameterisation());
        assertTrue(model.card().trainingSteps() > 0);
        assertTrue(model.card().validation().containsKey("psnr_sigma0.1"));
        try (InputStream in = BundledPriorTest.class.getResourceAsStream("/models/" + name + "/weights.bin")) {
            assertTrue(in.readAllBytes().length <= 5_000_000);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BundledPriorTest.class.getResource(name).toURI());
    }
}
