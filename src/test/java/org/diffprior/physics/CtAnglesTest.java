package org.diffprior.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtAnglesTest {

    @Test
    void rangeIsEquispacedWithTheStopExcludedLikeLinspace() {
        assertArrayEquals(new double[] {0, 45, 90, 135}, CtAngles.parse("0:180:4"), 1e-12);
        assertArrayEquals(new double[] {10, 20}, CtAngles.parse(" 10 : 30 : 2 "), 1e-12);
    }

    @Test
    void commaListKeepsTheGivenOrder() {
        assertArrayEquals(new double[] {90, 0, 12.5}, CtAngles.parse("90,0, 12.5"), 1e-12);
        assertArrayEquals(new double[] {42}, CtAngles.parse("42"), 1e-12);
    }

    @Test
    void jsonFileHoldsAList(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("angles.json");
        Files.writeString(file, "[0, 60.5,\n 120]\n");
        assertArrayEquals(new double[] {0, 60.5, 120}, CtAngles.parse(file.toString()), 1e-12);
        Files.writeString(file, "{\"angles\": 3}");
        assertThrows(InvalidInputException.class, () -> CtAngles.parse(file.toString()));
    }

    @Test
    void badTextIsRejectedWithTheAcceptedForms() {
        for (String bad : new String[] {"", "0:180", "0:180:x", "0:180:0", "a,b", "1,,2", "missing.json"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CtAngles.parse(bad), bad);
            assertEquals(Optional.of("angles"), e.parameter(), e.getMessage());
            assertTrue(e.message(key -> "--" + key).startsWith("--angles"), e.getMessage());
        }
    }
}
