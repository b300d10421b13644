package org.diffprior.djl;

import java.util.Arrays;

import org.diffprior.core.InvalidInputException;

/**
 * Hyper-parameters of {@link UNet}, stored in {@code model.json}. Every channel count is a multiple
 * of 16 (oneDNN gives wrong gradients otherwise on AVX-512 CPUs); the image channels (1 real, 2
 * complex) are the only exception and only as the first convolution's input.
 *
 * <pre>{@code
 * UNetConfig config = UNetConfig.standard(1);
 * UNet net = new UNet(config);
 * }</pre>
 *
 * @param imageChannels 1 for real images, 2 for complex (real and imaginary planes)
 * @param levelChannels feature channels at each resolution level, finest first
 * @param groups GroupNorm groups
 * @param embeddingFrequencies sinusoidal frequencies of the log-SNR embedding
 * @param embeddingChannels width of the noise-level embedding
 */
public record UNetConfig(int imageChannels, int[] levelChannels, int groups, int embeddingFrequencies,
        int embeddingChannels) {

    /** Width of the final convolution; the first {@code imageChannels} outputs are used. */
    public static final int OUTPUT_CONV_CHANNELS = 16;
    /** Bounds on what a model.json may declare, far above any prior here, so a typo cannot exhaust memory. */
    static final int MAX_LEVELS = 8;
    static final int MAX_CHANNELS = 2048;

    public UNetConfig {
        if (imageChannels != 1 && imageChannels != 2) {
            throw new InvalidInputException("image channels must be 1 (real) or 2 (complex), not " + imageChannels);
        }
        if (levelChannels == null || levelChannels.length < 1 || levelChannels.length > MAX_LEVELS) {
            throw new InvalidInputException("network: levelChannels must list 1.." + MAX_LEVELS + " levels, got "
                    + Arrays.toString(levelChannels));
        }
        if (groups < 1) {
            throw new InvalidInputException("network: groups must be positive, got " + groups);
        }
        for (int c : levelChannels) {
            if (c < 16 || c > MAX_CHANNELS || c % 16 != 0 || c % groups != 0) {
                throw new InvalidInputException("network: levelChannels must be multiples of 16 and of groups ("
                        + groups + ") up to " + MAX_CHANNELS + ", got " + Arrays.toString(levelChannels));
            }
        }
        if (embeddingChannels < 16 || embeddingChannels > MAX_CHANNELS || embeddingChannels % 16 != 0) {
            throw new InvalidInputException("network: embeddingChannels must be a multiple of 16 in 16.."
                    + MAX_CHANNELS + ", got " + embeddingChannels);
        }
        if (embeddingFrequencies < 1 || embeddingFrequencies > MAX_CHANNELS) {
            throw new InvalidInputException("network: embeddingFrequencies must lie in 1.." + MAX_CHANNELS + ", got "
                    + embeddingFrequencies);
        }
        levelChannels = levelChannels.clone();
    }

    /** The bundled architecture: three levels (32, 64, 96 channels), about 1.1 M parameters. */
    public static UNetConfig standard(int imageChannels) {
        return new UNetConfig(imageChannels, new int[] {32, 64, 96}, 8, 32, 128);
    }

    /** A tiny network for fast tests. */
    public static UNetConfig tiny(int imageChannels) {
        return new UNetConfig(imageChannels, new int[] {16, 32}, 8, 8, 32);
    }

    @Override
    public int[] levelChannels() {
        return levelChannels.clone();
    }

    /** Input height and width must be multiples of this (padding handles other sizes). */
    public int sizeMultiple() {
        return 1 << (levelChannels.length - 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UNetConfig c && c.imageChannels == imageChannels && c.groups == groups
                && c.embeddingFrequencies == embeddingFrequencies && c.embeddingChannels == embeddingChannels
                && Arrays.equals(c.levelChannels, levelChannels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(levelChannels) + imageChannels + 7 * groups + 13 * embeddingChannels;
    }

    @Override
    public String toString() {
        return "UNet(channels " + imageChannels + ", levels " + Arrays.toString(levelChannels) + ", groups " + groups
                + ", embedding " + embeddingFrequencies + "->" + embeddingChannels + ")";
    }
}
