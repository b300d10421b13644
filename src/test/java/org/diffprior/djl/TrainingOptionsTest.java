package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The training request: its defaults are the options' defaults, and bad values are keyed by parameter. */
class TrainingOptionsTest {

    private static final TrainingOptions DEFAULTS = TrainingOptions.defaults(List.of(Path.of("train.tif")),
            Path.of("out"));

    private static String keyOf(Executable build) {
        return assertThrows(InvalidInputException.class, build).parameter().orElse("none");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(TrainingOptions.DEFAULT_SIZE, DEFAULTS.size());
        assertEquals(TrainingOptions.DEFAULT_STEPS, DEFAULTS.steps());
        assertEquals(TrainingOptions.DEFAULT_BATCH, DEFAULTS.batch());
        assertEquals(TrainingOptions.DEFAULT_LEARNING_RATE, DEFAULTS.learningRate());
        assertEquals(TrainingOptions.DEFAULT_CHECKPOINT_EVERY, DEFAULTS.checkpointEvery());
        assertEquals(UNetConfig.standard(1), DEFAULTS.network());
        assertEquals("out", DEFAULTS.name());
        assertEquals(UNetConfig.tiny(2), TrainingOptions.network("tiny", 2));
    }

    @Test
    void badValuesAreKeyedByTheirParameter() {
        assertEquals("images", keyOf(() -> TrainingOptions.defaults(List.of(), Path.of("out"))));
        assertEquals("size", keyOf(() -> DEFAULTS.withSize(30)));
        assertEquals("steps", keyOf(() -> DEFAULTS.withSteps(0)));
        assertEquals("batch", keyOf(() -> DEFAULTS.withBatch(0)));
        assertEquals("learning_rate", keyOf(() -> DEFAULTS.withOptimiser(0, 1, 0)));
        assertEquals("channels", keyOf(() -> TrainingOptions.network("standard", 3)));
        assertEquals("network", keyOf(() -> TrainingOptions.network("huge", 1)));
        InvalidInputException both = assertThrows(InvalidInputException.class,
                () -> DEFAULTS.withResume(true).withInitialModel("colin27-brain-64"));
        assertEquals("give --resume or --init-from, not both (a checkpoint already holds its weights)",
                both.message(key -> "--" + key.replace('_', '-')));
    }
}
