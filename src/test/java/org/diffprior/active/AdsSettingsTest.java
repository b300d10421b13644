package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

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
        assertEquals("active subsampling needs at least 2 particles to compare, got 1", e.getMessage());
        assertThrows(InvalidInputException.class, () -> AdsSettings.builder().acceleration(0.5).build());
        assertThrows(InvalidInputException.class, () -> AdsSettings.builder().window(0.6, 0.2).build());
        // Intermediate values are not checked, only the built settings.
        assertEquals(2, AdsSettings.builder().particles(1).particles(2).build().particles());
    }
}
