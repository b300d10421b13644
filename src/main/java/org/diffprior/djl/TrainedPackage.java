package org.diffprior.djl;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model package a finished training run leaves in {@code options.output()}: the model card (network,
 * normalisation, training record and figures), the EMA weights and {@code loss-curve.png}. The EMA weights,
 * not the last step's parameters, are what is validated and saved: they average out the step-to-step noise of
 * Adam, as is usual for diffusion models. Runs after the final checkpoint, so a failure here loses no training.
 *
 * <pre>{@code
 * double stepsPerSecond = (state.step - firstStep) / seconds;
 * PriorTrainer.Result result = TrainedPackage.write(options, state, firstStep, stepsPerSecond, validation);
 * System.out.println(result.validation());
 * }</pre>
 */
final class TrainedPackage {

    /** Seed of the validation noise, fixed so that cards of different runs compare on the same noise. */
    private static final long VALIDATION_SEED = 12345;
    static final String LOSS_CURVE = "loss-curve.png";

    private TrainedPackage() {
    }

    /**
     * Measures the figures (validation PSNR only when {@code validation} is not null), then saves the package.
     *
     * @param firstStep the step this run started at (non-zero when resumed)
     */
    static PriorTrainer.Result write(TrainingOptions options, PriorTrainer.State state, int firstStep,
            double stepsPerSecond, TrainingImages validation) throws IOException {
        String trainingData = options.initialModel() == null ? options.trainingData()
                : options.trainingData() + " (fine-tuned from " + options.initialModel() + ")";
        ModelCard card = new ModelCard(options.name(), options.description(), "djl", "unet-v1", options.network(),
                options.channels(), options.size(), ModelCard.SCHEDULE, "v", options.channels() == 1 ? 0.5 : 0.0, 0.5,
                trainingData, options.licence(), state.step, state.seconds, Map.of(), Map.of());
        PriorModel model = PriorModel.of(card, state.ema);
        Map<String, Double> figures = new LinkedHashMap<>();
        // A resume that finds the run already finished trains no step, and has no speed to report.
        if (state.step > firstStep) {
            figures.put("training_steps_per_second", ValidationFigures.round(stepsPerSecond, 3));
        }
        figures.put("final_loss_smoothed", ValidationFigures.round(state.smoothedLoss(), 5));
        if (validation != null) {
            try {
                figures.putAll(ValidationFigures.validate(new DjlDenoiser(model), validation, VALIDATION_SEED));
            } finally {
                model.close();
            }
        }
        card = card.withTraining(state.step, ValidationFigures.round(state.seconds, 1), figures, Map.of());
        float[] losses = state.lossArray();
        // One commit: the card lists (and checksums) the loss curve with the weights.
        PriorModel saved = PriorModel.of(card, state.ema).save(options.output(),
                Map.of(LOSS_CURVE, LossCurvePlot.writer(losses)));
        return new PriorTrainer.Result(saved, losses, state.seconds, stepsPerSecond, figures);
    }
}
