package org.diffprior.core;

/**
 * Bad input from the user (a file, an option, an image): the message is one line that names the
 * problem and, where possible, the fix. The command line exits with status 2 and prints only the
 * message; Fiji commands show it without a stack trace.
 */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
