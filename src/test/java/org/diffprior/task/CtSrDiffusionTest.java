package org.diffprior.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.classical.Upsampling;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Intensities;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.ResizeKernel;
import org.diffprior.prior.MixturePriorDenoiser;
import org.junit.jupiter.api.Test;

/**
 * With a mixture-of-images prior (exact denoiser) the CT and SR tasks must return the measured member of
 * the mixture, in the input's units, far better than the classical method, and consistent with the data.
 */
class CtSrDiffusionTest {

    private static float[][] divided(float[][] images, double factor) {
        float[][] out = new float[images.length][];
        for (int k = 0; k < images.length; k++) {
            out[k] = Intensities.scaled(images[k], 1 / factor);
        }
        return out;
    }

    @Test
    void sparseViewCtRecoversTheMeasuredImage() {
        int size = 32;
        float[][] images = BlobImages.discs(4, size, 2);
        double[] angles = new double[8];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = 180.0 * i / angles.length;
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        double units = 0.02; // e.g. attenuation per pixel
        float[] truth = Intensities.scaled(images[1], units);
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(truth, sinogram);
        // Priors work in normalised units: the FBP image's robust maximum is 1.
        float[] fbp = FilteredBackProjection.reconstruct(sinogram, angles, size, FbpFilter.HANN);
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1,
                divided(images, Intensities.robustMax(fbp, false) / units), null);

        DiffusionOutput out = CtDiffusion.run(sinogram, angles, size, prior, new DiffusionSettings(20, 2, 4, 0.5, 5),
                ProgressListener.NONE, CancelToken.none());
        double psnr = Metrics.psnr(truth, out.mean());
        double psnrFbp = Metrics.psnr(truth, fbp);
        assertTrue(psnr > 35 && psnr > psnrFbp + 10, "diffusion " + psnr + " dB, FBP " + psnrFbp + " dB");
        assertEquals(size, out.width());
    }

    @Test
    void knownPhotonNoiseStopsTheDataConsistencyAtTheNoiseLevel() {
        int size = 32;
        float[][] images = BlobImages.discs(4, size, 5);
        double[] angles = new double[12];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = 180.0 * i / angles.length;
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        float[] truth = images[2];
        float[] clean = new float[projector.outputSize()];
        projector.apply(truth, clean);
        CtNoise noise = new CtNoise(1e4, 0.02);
        float[] sinogram = org.diffprior.physics.TransmissionNoise.apply(clean, noise.incidentPhotons(),
                noise.attenuationPerPixel(), 3);
        float[] fbp = FilteredBackProjection.reconstruct(sinogram, angles, size, FbpFilter.HANN);
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1, divided(images, Intensities.robustMax(fbp, false)),
                null);
        DiffusionSettings settings = new DiffusionSettings(20, 2, 4, 0.5, 10);

        DiffusionOutput fixed = CtDiffusion.run(sinogram, angles, size, prior, settings, ProgressListener.NONE,
                CancelToken.none());
        DiffusionOutput stopped = CtDiffusion
                .runSlices(java.util.List.of(sinogram), angles, size, prior, settings, noise,
                        ProgressListener.NONE, CancelToken.none())
                .get(0);
        double noiseNorm = Math.sqrt(noise.variance(sinogram));
        double fixedResidual = residual(projector, fixed.mean(), sinogram);
        double stoppedResidual = residual(projector, stopped.mean(), sinogram);
        // Ten CG steps fit part of the noise; the discrepancy stop leaves the residual at the noise level
        // and the image closer to the truth.
        assertTrue(fixedResidual < 0.9 * noiseNorm, "fixed CG residual " + fixedResidual + ", noise " + noiseNorm);
        assertTrue(stoppedResidual > 0.9 * noiseNorm, "stopped residual " + stoppedResidual + ", noise " + noiseNorm);
        double psnrFixed = Metrics.psnr(truth, fixed.mean());
        double psnrStopped = Metrics.psnr(truth, stopped.mean());
        System.out.printf(
                "CT with photon noise: residual fixed %.3f / stopped %.3f / noise %.3f; PSNR %.2f / %.2f dB%n",
                fixedResidual, stoppedResidual, noiseNorm, psnrFixed, psnrStopped);
        assertTrue(psnrStopped > psnrFixed + 1, "discrepancy stop " + psnrStopped + " dB, fixed " + psnrFixed + " dB");
    }

    private static double residual(ParallelBeamProjector projector, float[] image, float[] sinogram) {
        float[] ax = new float[projector.outputSize()];
        projector.apply(image, ax);
        double s = 0;
        for (int i = 0; i < ax.length; i++) {
            s += (ax[i] - sinogram[i]) * (double) (ax[i] - sinogram[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void knownInputNoiseKeepsSuperResolutionFromCopyingIt() {
        int size = 32;
        int scale = 2;
        float[][] images = BlobImages.discs(4, size, 12);
        float[] truth = images[0];
        BoxDownsampling box = new BoxDownsampling(size, size, scale);
        float[] lowRes = new float[box.outputSize()];
        box.apply(truth, lowRes);
        double sigma = 0.1;
        Random random = new Random(2);
        for (int i = 0; i < lowRes.length; i++) {
            lowRes[i] += (float) (sigma * random.nextGaussian());
        }
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1,
                divided(images, Intensities.robustMax(lowRes, false)), null);
        DiffusionSettings settings = new DiffusionSettings(20, 2, 1, 0.5, 5);
        DiffusionOutput exact = SrDiffusion.run(lowRes, size / scale, size / scale, scale, "box", prior, settings,
                ProgressListener.NONE, CancelToken.none());
        DiffusionOutput known = SrDiffusion.run(lowRes, size / scale, size / scale, scale, "box", sigma, prior,
                settings,
                ProgressListener.NONE, CancelToken.none());
        double psnrExact = Metrics.psnr(truth, exact.mean());
        double psnrKnown = Metrics.psnr(truth, known.mean());
        System.out.printf("SR x2 with noise 0.1: exact consistency %.2f dB, noise level given %.2f dB%n", psnrExact,
                psnrKnown);
        // Exact consistency keeps the block means, noise included; stopping at the noise level keeps the prior's image.
        assertTrue(psnrKnown > psnrExact + 3, "noise given " + psnrKnown + " dB, exact " + psnrExact + " dB");
    }

    @Test
    void boxSuperResolutionKeepsBlockMeansAndRecoversTheImage() {
        int size = 32;
        int scale = 4;
        float[][] images = BlobImages.discs(4, size, 9);
        double units = 1000;
        float[] truth = Intensities.scaled(images[3], units);
        BoxDownsampling box = new BoxDownsampling(size, size, scale);
        float[] lowRes = new float[box.outputSize()];
        box.apply(truth, lowRes);
        MixturePriorDenoiser prior = new MixturePriorDenoiser(1,
                divided(images, Intensities.robustMax(lowRes, false) / units), null);

        DiffusionOutput out = SrDiffusion.run(lowRes, size / scale, size / scale, scale, "box", prior,
                new DiffusionSettings(20, 2, 1, 0.5, 5), ProgressListener.NONE, CancelToken.none());
        float[] reDegraded = new float[box.outputSize()];
        box.apply(out.mean(), reDegraded);
        for (int i = 0; i < lowRes.length; i++) {
            assertEquals(lowRes[i], reDegraded[i], 1e-3 * units, "block means are kept");
        }
        float[] bicubic = Upsampling
                .upsample(FloatImage.of(size / scale, size / scale, lowRes), scale, ResizeKernel.CUBIC).data();
        double psnr = Metrics.psnr(truth, out.mean());
        double psnrBicubic = Metrics.psnr(truth, bicubic);
        assertTrue(psnr > 35 && psnr > psnrBicubic + 10, "diffusion " + psnr + " dB, bicubic " + psnrBicubic + " dB");
    }

    @Test
    void ctStackSlicesShareOneBatchedRun() {
        int size = 32;
        float[][] images = BlobImages.discs(4, size, 2);
        double[] angles = new double[8];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = 180.0 * i / angles.length;
        }
        ParallelBeamProjector projector = new ParallelBeamProjector(size, angles);
        int[] members = {1, 2};
        java.util.List<float[]> sinograms = new java.util.ArrayList<>();
        for (int member : members) {
            float[] sinogram = new float[projector.outputSize()];
            projector.apply(images[member], sinogram);
            sinograms.add(sinogram);
        }
        float[] fbp0 = FilteredBackProjection.reconstruct(sinograms.get(0), angles, size, FbpFilter.HANN);
        MixturePriorDenoiser mixture = new MixturePriorDenoiser(1, divided(images, Intensities.robustMax(fbp0, false)),
                null);
        int[] largestBatch = {0};
        org.diffprior.prior.Denoiser counting = new org.diffprior.prior.Denoiser() {
            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
                assertEquals(size, height);
                largestBatch[0] = Math.max(largestBatch[0], xt.length);
                return mixture.denoise(xt, height, width, alpha, sigma);
            }
        };
        java.util.List<DiffusionOutput> out = CtDiffusion.runSlices(sinograms, angles, size, counting,
                new DiffusionSettings(20, 2, 4, 0.5, 5), ProgressListener.NONE, CancelToken.none());
        assertEquals(4, largestBatch[0], "2 slices x 2 samples per network call");
        for (int s = 0; s < 2; s++) {
            float[] truth = images[members[s]];
            double psnr = Metrics.psnr(truth, out.get(s).mean());
            double psnrFbp = Metrics.psnr(truth,
                    FilteredBackProjection.reconstruct(sinograms.get(s), angles, size, FbpFilter.HANN));
            assertTrue(psnr > psnrFbp + 5, "slice " + s + ": " + psnr + " dB, FBP " + psnrFbp + " dB");
        }
    }
}
