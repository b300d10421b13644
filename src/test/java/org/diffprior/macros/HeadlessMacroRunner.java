package org.diffprior.macros;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a macro of {@code macros/} as a user does with plain ImageJ 1.x: a child JVM running
 * {@code ij.ImageJ -batch MACRO ARGS} headless. Tests run before {@code package}, so the class path is this
 * JVM's (surefire's test class path) plus {@code target/classes} instead of the jars under target/.
 */
final class HeadlessMacroRunner {

    /** Exit status and everything the child printed. */
    record Result(int exitCode, String output) {
    }

    private HeadlessMacroRunner() {
    }

    static Result run(Path macro, String argument) throws IOException, InterruptedException {
        Set<String> classPath = new LinkedHashSet<>();
        classPath.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-cp", String.join(File.pathSeparator, classPath),
                "ij.ImageJ", "-batch", macro.toAbsolutePath().toString(), argument));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("macro " + macro + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
