package org.diffprior.djl;

import java.util.Map;

/** Small untrained models for fast tests. */
final class TinyModels {

    private TinyModels() {
    }

    static ModelCard card(int channels, String parameterisation) {
        return new ModelCard("tiny-" + channels, "test model", "djl", "unet-v1", UNetConfig.tiny(channels), channels,
                16,
                "vp-cosine", parameterisation, channels == 1 ? 0.5 : 0.0, 0.5, "none", "none", 0, 0, Map.of(),
                Map.of());
    }

    static PriorModel model(int channels, String parameterisation, long seed) {
        UNet net = new UNet(UNetConfig.tiny(channels));
        return PriorModel.of(card(channels, parameterisation), net.initialParameters(seed));
    }
}
