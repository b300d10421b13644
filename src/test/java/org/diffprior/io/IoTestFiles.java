package org.diffprior.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.function.Executable;

/** Helpers shared by the I/O tests: fixture paths, damaged copies and the one-line error contract. */
final class IoTestFiles {

    private IoTestFiles() {
    }

    /** A fixture under src/test/resources/org/diffprior/io/. */
    static Path fixture(String relative) {
        URL url = IoTestFiles.class.getResource(relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the first {@code keep} bytes of {@code source} to {@code target}. */
    static Path truncatedCopy(Path source, Path target, long keep) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(target, Arrays.copyOf(bytes, (int) keep));
        return target;
    }

    /**
     * Runs {@code action}, expects an {@link InvalidInputException} whose message is one line that names
     * {@code file} and contains {@code problem}; returns the message.
     */
    static String assertRefused(Path file, String problem, Executable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "message must be one line: " + message);
        assertTrue(message.contains(file.getFileName().toString()), "message must name the file: " + message);
        assertTrue(message.toLowerCase().contains(problem.toLowerCase()),
                "message must say '" + problem + "': " + message);
        return message;
    }

    static void assertArrayEqualsExactly(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int n = 0; n < expected.length; n++) {
            if (Float.floatToIntBits(expected[n]) != Float.floatToIntBits(actual[n])) {
                assertEquals(expected[n], actual[n], 0f, "element " + n);
            }
        }
    }
}
