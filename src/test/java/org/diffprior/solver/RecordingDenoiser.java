package org.diffprior.solver;

import java.util.ArrayList;
import java.util.List;

import org.diffprior.prior.Denoiser;

/** A denoiser that passes every call on and records its batch size, its α and the first call's first image. */
final class RecordingDenoiser implements Denoiser {
    private final Denoiser inner;
    final List<Integer> batchSizes = new ArrayList<>();
    final List<Double> alphas = new ArrayList<>();
    float[] firstInput;

    RecordingDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public int channels() {
        return inner.channels();
    }

    @Override
    public float[][] denoise(float[][] xt, int height, int width, double[] alpha, double[] sigma) {
        if (firstInput == null) {
            firstInput = xt[0].clone();
        }
        batchSizes.add(xt.length);
        alphas.add(alpha[0]);
        return inner.denoise(xt, height, width, alpha, sigma);
    }
}
