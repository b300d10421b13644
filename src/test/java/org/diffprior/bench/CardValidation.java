package org.diffprior.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.diffprior.djl.DjlDenoiser;
import org.diffprior.djl.EngineBootstrap;
import org.diffprior.djl.ModelStore;
import org.diffprior.djl.PriorModel;
import org.diffprior.djl.TrainingImages;
import org.diffprior.djl.ValidationFigures;

/**
 * The model card's validation figures (held-out denoising PSNR against the best Gaussian filter, as
 * {@code diffprior train} computes them) of an existing model on other validation images, e.g. to replace
 * figures measured on images outside ../shared/DATA.md. Prints the JSON-style pairs.
 *
 * <p>Run: {@code bin/benchmark CardValidation MODEL IMAGE_OR_DIR...}.
 */
public final class CardValidation {

    private CardValidation() {
    }

    public static void main(String[] args) throws Exception {
        EngineBootstrap.start();
        PriorModel model = ModelStore.open(args[0]);
        List<Path> images = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            images.add(Path.of(args[i]));
        }
        Map<String, Double> figures = ValidationFigures.validate(new DjlDenoiser(model),
                TrainingImages.read(images, model.card().imageChannels()), 12345);
        figures.forEach((key, value) -> System.out.printf("\"%s\": %s,%n", key, value));
    }
}
