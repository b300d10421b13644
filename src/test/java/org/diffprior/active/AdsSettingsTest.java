package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AdsSettingsTest {

    @Test
    void builderStartsFromTheDefaults() {
        AdsSettings expected = new AdsSettings(4, Double.NaN, 8, 50, ColumnSelection.Rule.ENTROPY, 0.25, 0.1, 0.5, 1,
                0.5, 5, Double.NaN, 0, true);
        assertEquals(expected, AdsSettings.builder().build());
        assertEquals(expected, AdsSettings.defaults());
    }

    @Test
    void toBuilderKeepsEveryComponentAndChangesOnlyWhatIsSet() {
        AdsSettings settings = new AdsSettings(8, 0.04, 4, 30, ColumnSelection.Rule.MAX_VARIANCE, 0.5, 0.2, 0.6, 2,
                0.3, 7, 2.5, 42, false);
        assertEquals(settings, settings.toBuilder().build());
        AdsSettings changed = settings.toBuilder().seed(3).window(0, 1).build();
        assertEquals(new AdsSettings(8, 0.04, 4, 30, ColumnSelection.Rule.MAX_VARIANCE, 0.5, 0, 1, 2, 0.3, 7, 2.5, 3,
                false), changed);
    }

    @Test
    void buildValidatesWithTheRecordsMessages() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AdsSettings.builder().particles(1).build());
        assertEquals("particles must lie in 2..256 (active subsampling compares particles), got 1", e.getMessage());
        assertEquals(Optional.of("particles"), e.parameter());
        assertThrows(InvalidInputException.class, () -> AdsSettings.builder().acceleration(0.5).build());
        assertThrows(InvalidInputException.class, () -> AdsSettings.builder().window(0.6, 0.2).build());
        // Intermediate values are not checked, only the built settings.
        assertEquals(2, AdsSettings.builder().particles(1).particles(2).build().particles());
    }

    @Test
    void ruleNamesAreOneListForTheCommandLineAndFiji() {
        assertEquals(ColumnSelection.Rule.ENTROPY, ColumnSelection.Rule.parse(AdsSettings.DEFAULT_RULE));
        assertEquals(AdsSettings.defaults().rule(), ColumnSelection.Rule.parse(AdsSettings.DEFAULT_RULE));
        assertEquals(ColumnSelection.Rule.MAX_VARIANCE, ColumnSelection.Rule.parse(" Variance "));
        assertEquals(ColumnSelection.Rule.MAX_VARIANCE, AdsSettings.builder().rule("max-variance").build().rule());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ColumnSelection.Rule.parse("bogus"));
        assertEquals("--rule 'bogus' is unknown; use entropy, variance or max-variance", e.message(k -> "--" + k));
    }

    @Test
    void boundsAreKeyedByParameter() {
        assertEquals("steps", keyOf(() -> AdsSettings.builder().steps(AdsSettings.MIN_STEPS - 1).build()));
        assertEquals("steps", keyOf(() -> AdsSettings.builder().steps(AdsSettings.MAX_STEPS + 1).build()));
        assertEquals("particles", keyOf(() -> AdsSettings.builder().particles(AdsSettings.MAX_PARTICLES + 1).build()));
        assertEquals("acceleration", keyOf(() -> AdsSettings.builder().acceleration(0.5).build()));
        assertEquals("center_fraction", keyOf(() -> AdsSettings.builder().centerFraction(1.5).build()));
        assertEquals("window", keyOf(() -> AdsSettings.builder().window(0.6, 0.2).build()));
        assertEquals("lines_per_acquisition", keyOf(() -> AdsSettings.builder().linesPerAcquisition(0).build()));
        assertEquals("sigma_e", keyOf(() -> AdsSettings.builder().sigmaE(0).build()));
        assertEquals(AdsSettings.MAX_STEPS, AdsSettings.builder().steps(AdsSettings.MAX_STEPS).build().steps());
    }

    private static String keyOf(Executable build) {
        return assertThrows(InvalidInputException.class, build).parameter().orElse("none");
    }
}
