package org.diffprior.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Keyed errors: the task layer names a parameter once, each interface spells it its own way. */
class InvalidInputExceptionTest {

    private static final UnaryOperator<String> OPTION = key -> "--" + key.replace('_', '-');
    private static final UnaryOperator<String> MACRO_KEY = key -> key + "=";

    @Test
    void aKeyedMessageNamesItsParametersAsEachInterfaceSpellsThem() {
        InvalidInputException e = InvalidInputException.of("cg_iterations",
                "{cg_iterations} must lie in 0..100, got 101; or set {steps} lower");
        assertEquals(Optional.of("cg_iterations"), e.parameter());
        assertEquals("cg_iterations must lie in 0..100, got 101; or set steps lower", e.getMessage());
        assertEquals("--cg-iterations must lie in 0..100, got 101; or set --steps lower", e.message(OPTION));
        assertEquals("cg_iterations= must lie in 0..100, got 101; or set steps= lower", e.message(MACRO_KEY));
    }

    @Test
    void aPlainMessageIsShownAsWritten() {
        InvalidInputException e = new InvalidInputException("x.tif: not a TIFF {steps}");
        assertEquals(Optional.empty(), e.parameter());
        assertEquals("x.tif: not a TIFF {steps}", e.message(OPTION));
    }

    @Test
    void braceTextThatIsNoKeyAndReplacementCharactersStayAsTheyAre() {
        InvalidInputException e = InvalidInputException.of("angles", "{angles} '{0, 1}' is not a list; cost $1");
        assertEquals("--angles '{0, 1}' is not a list; cost $1", e.message(OPTION));
    }

    @Test
    void aKeyedMessageFoundThroughAnotherExceptionKeepsItAsTheCause() {
        IllegalStateException cause = new IllegalStateException("no convergence");
        InvalidInputException e = InvalidInputException.of("sensitivities", "ESPIRiT failed; give {sensitivities}",
                cause);
        assertSame(cause, e.getCause());
        assertEquals("ESPIRiT failed; give --sensitivities", e.message(OPTION));
    }

    @Test
    void aKeyedMessageMustNameItsParameter() {
        assertThrows(IllegalArgumentException.class, () -> InvalidInputException.of("steps", "must lie in 1..1000"));
        assertThrows(IllegalArgumentException.class,
                () -> InvalidInputException.of("Steps", "{Steps} must lie in 1..1000"));
    }
}
