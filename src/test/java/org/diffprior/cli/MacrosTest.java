package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MacrosTest {

    @Test
    void splitKeepsQuotedPathsWhole() {
        assertEquals(List.of("sr", "--input", "/my data/lr.tif", "--scale", "2"),
                Macros.split("sr --input \"/my data/lr.tif\"  --scale 2"));
        assertEquals(List.of("a", "b c", ""), Macros.split("a 'b c' ''"));
    }

    @Test
    void badInputReturnsStatusAndOneLineReason() {
        String result = Macros.run("models --no-such-option");
        assertTrue(result.startsWith("2 "), result);
        assertTrue(result.contains("--no-such-option"), result);
    }

    @Test
    void helpSucceeds() {
        assertEquals("0", Macros.run("info --help"));
    }
}
