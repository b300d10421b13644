package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCheckpointTest {

    @Test
    void resumingRestoresEveryFloatOfTheSavedState(@TempDir Path dir) throws IOException {
        TrainingOptions options = PriorTrainerTest.tinyOptions(dir.resolve("unused.tif"), dir.resolve("model"));
        UNet net = new UNet(options.network());
        PriorTrainer.State state = TrainingCheckpoint.start(options, net);
        Map<String, float[]> fresh = PriorTrainer.State.fresh(net, options.seed()).parameters;
        for (String name : fresh.keySet()) {
            assertArrayEquals(fresh.get(name), state.parameters.get(name), name);
        }
        // Distinct random values in every group, so a group written or read under another's name shows.
        SplittableRandom random = new SplittableRandom(7);
        for (Map<String, float[]> group : List.of(state.parameters, state.firstMoment, state.secondMoment,
                state.ema)) {
            for (float[] values : group.values()) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
            }
        }
        state.step = 7;
        state.seconds = 3.25;
        state.losses.addAll(List.of(0.5f, 0.25f, Float.MIN_VALUE));
        TrainingCheckpoint.write(options, net, state);

        PriorTrainer.State resumed = TrainingCheckpoint.start(options.withResume(true), net);
        assertEquals(7, resumed.step);
        assertEquals(3.25, resumed.seconds);
        assertEquals(state.losses, resumed.losses);
        assertEquals(0, resumed.consecutiveSkips);
        for (String name : net.parameterShapes().keySet()) {
            assertArrayEquals(state.parameters.get(name), resumed.parameters.get(name), name);
            assertArrayEquals(state.firstMoment.get(name), resumed.firstMoment.get(name), name);
            assertArrayEquals(state.secondMoment.get(name), resumed.secondMoment.get(name), name);
            assertArrayEquals(state.ema.get(name), resumed.ema.get(name), name);
        }
    }

    @Test
    void resumingWithoutACheckpointOrWithAnotherNetworkIsRefused(@TempDir Path dir) throws IOException {
        TrainingOptions options = PriorTrainerTest.tinyOptions(dir.resolve("unused.tif"), dir.resolve("model"));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> TrainingCheckpoint.start(options.withResume(true), new UNet(options.network())));
        assertTrue(missing.getMessage().contains("no checkpoint"), missing.getMessage());

        UNet net = new UNet(options.network());
        TrainingCheckpoint.write(options, net, PriorTrainer.State.fresh(net, 1));
        TrainingOptions complex = options.withChannels(2, UNetConfig.tiny(2)).withResume(true);
        InvalidInputException other = assertThrows(InvalidInputException.class,
                () -> TrainingCheckpoint.start(complex, new UNet(complex.network())));
        assertTrue(other.getMessage().contains("differs"), other.getMessage());
    }
}
