package org.diffprior.djl;

import java.util.Locale;
import java.util.Optional;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The process's own environment as native libraries read it (C {@code getenv}), which Java's
 * {@link System#getenv} only copies at start-up. libtorch reads some settings from it the first time it needs
 * them, so a value set here before the engine starts takes effect without a launcher script (inside Fiji, too).
 */
final class NativeEnvironment {

    /** libtorch's element-wise kernels: the CPU instruction set they are dispatched for. */
    static final String ATEN_CPU_CAPABILITY = "ATEN_CPU_CAPABILITY";

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private NativeEnvironment() {
    }

    /**
     * Sets {@code name} to {@code value} unless it is already set, by the user or earlier. Returns the value
     * now in effect, or empty where the C library cannot be reached (JNA missing, not a POSIX system).
     */
    static Optional<String> setDefault(String name, String value) {
        return c().map(c -> {
            c.setenv(name, value, 0);
            return c.getenv(name);
        });
    }

    /** The value native code sees, or empty where unset or the C library cannot be reached. */
    static Optional<String> get(String name) {
        return c().map(c -> c.getenv(name));
    }

    /** True on x86-64 Linux, the one platform whose libtorch kernel names (avx2, avx512) this class sets. */
    static boolean x86Linux() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static Optional<C> c() {
        try {
            return Optional.of(Native.load(Platform.C_LIBRARY_NAME, C.class));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }
}
