package org.diffprior.core;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad input from the user (a file, an option, an image): the message is one line that names the
 * problem and, where possible, the fix. The command line exits with status 2 and prints only the
 * message; Fiji commands show it without a stack trace.
 *
 * <p>An error about a parameter is <em>keyed</em>: the task layer names parameters by a neutral key in snake_case
 * ({@code steps}, {@code cg_iterations}), written in braces in the message, and each interface spells the keys
 * its own way when it shows the message, so the task layer never mentions a flag. The key is the SciJava
 * parameter name of the Fiji command; the picocli option is {@code --} and the key in kebab-case.
 *
 * <pre>{@code
 * throw InvalidInputException.of("steps", "{steps} must lie in 1..1000, got " + steps);
 * e.message(key -> "--" + key.replace('_', '-'));   // "--steps must lie in 1..1000, got 0"   (command line)
 * e.message(key -> key + "=");                      // "steps= must lie in 1..1000, got 0"    (Fiji macro)
 * }</pre>
 */
public final class InvalidInputException extends RuntimeException {

    /** A key in braces: lower-case words joined by '_'. */
    private static final Pattern KEY = Pattern.compile("\\{([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\\}");

    /** The parameter the error is about, or null. */
    private final String parameter;
    /** The message with its keys in braces; null for a message without keys. */
    private final String template;

    public InvalidInputException(String message) {
        super(message);
        this.parameter = null;
        this.template = null;
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.parameter = null;
        this.template = null;
    }

    private InvalidInputException(String parameter, String template, Throwable cause) {
        super(render(template, UnaryOperator.identity()), cause);
        this.parameter = parameter;
        this.template = template;
    }

    /**
     * A bad value of {@code parameter}. The template names it, and any other parameter the fix involves, as a
     * key in braces: {@code "{steps} must lie in 1..1000, got 0"}, {@code "give {resume} or {init_from}, not
     * both"}. Values written into the template should not themselves look like {@code {a_key}}.
     *
     * @throws IllegalArgumentException if {@code parameter} is not a snake_case key named in the template
     *         (a programming error, caught by the first test that reaches it)
     */
    public static InvalidInputException of(String parameter, String template) {
        return of(parameter, template, null);
    }

    /** As {@link #of(String, String)}, for bad input found through another exception (kept as the cause). */
    public static InvalidInputException of(String parameter, String template, Throwable cause) {
        if (parameter == null || !KEY.matcher("{" + parameter + "}").matches()
                || !template.contains("{" + parameter + "}")) {
            throw new IllegalArgumentException(
                    "a keyed message must name its parameter as {" + parameter + "}: " + template);
        }
        return new InvalidInputException(parameter, template, cause);
    }

    /** The key of the parameter this error is about ({@code cg_iterations}), if it is about one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /**
     * The message with every key spelled by {@code spelling} (key to the interface's name of the parameter);
     * a message without keys is returned as it is. {@link #getMessage()} spells keys as themselves.
     */
    public String message(UnaryOperator<String> spelling) {
        return template == null ? getMessage() : render(template, spelling);
    }

    private static String render(String template, UnaryOperator<String> spelling) {
        Matcher m = KEY.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(spelling.apply(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}
