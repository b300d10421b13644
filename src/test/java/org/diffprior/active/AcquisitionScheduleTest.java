package org.diffprior.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class AcquisitionScheduleTest {

    @Test
    void acquisitionsAreEvenlySpacedOverTheWholeWindow() {
        AcquisitionSchedule schedule = AcquisitionSchedule.of(50, 0, 1, 10, 1);
        assertArrayEquals(new int[] {0, 5, 10, 15, 20, 25, 30, 35, 40, 45}, schedule.acquisitionSteps());
        assertEquals(10, schedule.totalLines());
    }

    @Test
    void budgetIsSpentInsideTheWindow() {
        // Window [0.1, 0.5) of 50 steps = steps 5..24; 12 columns one at a time.
        AcquisitionSchedule schedule = AcquisitionSchedule.of(50, 0.1, 0.5, 12, 1);
        int[] steps = schedule.acquisitionSteps();
        assertEquals(12, steps.length);
        assertEquals(5, steps[0]);
        for (int step : steps) {
            assertTrue(step >= 5 && step < 25, "step " + step + " outside the window");
        }
        assertEquals(12, schedule.totalLines());
    }

    @Test
    void moreLinesPerAcquisitionWhenTheWindowIsShort() {
        // 20 window steps for 24 columns: two per acquisition, 12 acquisitions.
        AcquisitionSchedule schedule = AcquisitionSchedule.of(50, 0.1, 0.5, 24, 1);
        assertEquals(12, schedule.acquisitionSteps().length);
        assertEquals(24, schedule.totalLines());
        for (int step : schedule.acquisitionSteps()) {
            assertEquals(2, schedule.linesAt(step));
        }
    }

    @Test
    void lastAcquisitionTakesTheRemainder() {
        AcquisitionSchedule schedule = AcquisitionSchedule.of(40, 0, 0.5, 10, 3);
        int[] steps = schedule.acquisitionSteps();
        assertArrayEquals(new int[] {0, 5, 10, 15}, steps);
        assertEquals(3, schedule.linesAt(0));
        assertEquals(1, schedule.linesAt(15));
        assertEquals(0, schedule.linesAt(1));
        assertEquals(10, schedule.totalLines());
    }

    @Test
    void rejectsAnEmptyOrReversedWindow() {
        assertThrows(InvalidInputException.class, () -> AcquisitionSchedule.of(50, 0.5, 0.5, 3, 1));
        assertThrows(InvalidInputException.class, () -> AcquisitionSchedule.of(50, 0.2, 1.5, 3, 1));
        assertThrows(InvalidInputException.class, () -> AcquisitionSchedule.of(50, 0, 1, 3, 0));
    }
}
