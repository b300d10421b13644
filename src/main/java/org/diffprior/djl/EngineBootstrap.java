package org.diffprior.djl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import org.diffprior.core.InvalidInputException;

/**
 * The one place where DiffPrior sets up DJL: offline mode, cache directory, thread counts, device
 * choice and the thread context class loader. Every class that touches DJL starts the engine here
 * and runs engine work inside {@link #call(Callable)}, which sets the context class loader to the
 * plugin's own loader (inside ImageJ DJL otherwise reports "engine not found") and restores it.
 *
 * <pre>{@code
 * EngineBootstrap.start(EngineBootstrap.DeviceChoice.AUTO);
 * float[] y = EngineBootstrap.call(() -> runNetwork(x));
 * System.out.println(EngineBootstrap.describe());
 * }</pre>
 */
public final class EngineBootstrap {

    private static final Logger LOG = Logger.getLogger(EngineBootstrap.class.getName());

    /** Which device the user asked for; GPU needs a user-provided CUDA libtorch (README). */
    public enum DeviceChoice {
        CPU, GPU, AUTO;

        /** Parses {@code cpu|gpu|auto}; anything else is bad input. */
        public static DeviceChoice parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("device", "{device} must be cpu, gpu or auto, not '" + text + "'");
            }
        }
    }

    /** What was set up, reported by {@code diffprior info} and logged once. */
    public record EngineState(String engineName, String engineVersion, String djlVersion, Device device,
            int gpuCount, int intraOpThreads, int interOpThreads, Path cacheDirectory, String nativeLibrary) {

        /** True when the network runs on a GPU. */
        public boolean gpuUsed() {
            return device.isGpu();
        }
    }

    private static EngineState state;

    private EngineBootstrap() {
    }

    /** Starts the engine once on the default device (CPU unless DIFFPRIOR_DEVICE says otherwise). */
    public static synchronized EngineState start() {
        if (state != null) {
            return state;
        }
        String fromEnv = System.getenv("DIFFPRIOR_DEVICE");
        DeviceChoice choice = DeviceChoice.CPU;
        if (fromEnv != null) {
            try {
                choice = DeviceChoice.parse(fromEnv);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("DIFFPRIOR_DEVICE must be cpu, gpu or auto, not '" + fromEnv + "'");
            }
        }
        return start(choice);
    }

    /**
     * Starts the engine once with the given device choice. A second call with a choice that the
     * running engine cannot honour (GPU asked, CPU running) is bad input.
     */
    public static synchronized EngineState start(DeviceChoice choice) {
        if (state == null) {
            state = call(() -> boot(choice));
            LOG.info(oneLine(state));
        } else if (choice == DeviceChoice.GPU && !state.gpuUsed()) {
            throw noGpu();
        }
        return state;
    }

    /** The running engine's state; starts it on the default device if needed. */
    public static EngineState state() {
        return start();
    }

    /** The device every network uses. */
    public static Device device() {
        return state().device();
    }

    /**
     * Runs engine work with the context class loader set to the plugin's own loader, restoring the
     * caller's loader afterwards. Checked exceptions are wrapped in {@link IllegalStateException}
     * except {@link RuntimeException}s, which pass unchanged.
     */
    public static <T> T call(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EngineBootstrap.class.getClassLoader());
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Human-readable lines for {@code diffprior info} and the Engine Info command. */
    public static List<String> describe() {
        EngineState s = state();
        List<String> lines = new ArrayList<>();
        lines.add("Engine: " + s.engineName() + " " + s.engineVersion() + " (DJL " + s.djlVersion() + ")");
        lines.add("Device: " + s.device() + " (GPUs visible: " + s.gpuCount() + ")");
        lines.add("GPU used: " + (s.gpuUsed() ? "yes" : "no"));
        lines.add("Threads: intra-op " + s.intraOpThreads() + ", inter-op " + s.interOpThreads());
        lines.add("Native library: " + s.nativeLibrary());
        lines.add("Cache directory: " + s.cacheDirectory());
        lines.add("ATen CPU kernels (ATEN_CPU_CAPABILITY): "
                + NativeEnvironment.get(NativeEnvironment.ATEN_CPU_CAPABILITY).orElse("default"));
        lines.add("oneDNN ISA limit (DNNL_MAX_CPU_ISA): "
                + (System.getenv("DNNL_MAX_CPU_ISA") == null ? "default" : System.getenv("DNNL_MAX_CPU_ISA")));
        return lines;
    }

    private static EngineState boot(DeviceChoice choice) {
        // Nothing may download at run time: natives come from the bundled pytorch-native-cpu jar,
        // or from a user-provided libtorch named by PYTORCH_LIBRARY_PATH (DJL reads it itself).
        setDefault("ai.djl.offline", "true");
        // DJL's own start-up chatter (thread counts, a CUDA probe failing on CPU-only machines) would
        // confuse users; the one line logged below says what matters.
        setDefault("org.slf4j.simpleLogger.log.ai.djl", "warn");
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        Path cache = cacheDirectory();
        setDefault("DJL_CACHE_DIR", cache.toString());
        setDefault("ENGINE_CACHE_DIR", cache.toString());
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = positiveInt("DIFFPRIOR_THREADS", cores);
        setDefault("ai.djl.pytorch.num_threads", Integer.toString(intra));
        // One inter-op thread: our graphs are sequential and extra pools only add idle spinning.
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.default_engine", "PyTorch");
        // TorchScript's profiling graph executor re-optimises for every new input shape (batch, tile
        // size), which costs seconds per shape and gains nothing for our small convolutional networks.
        setDefault("ai.djl.pytorch.graph_optimizer", "false");
        if (NativeEnvironment.x86Linux()) {
            // On AVX-512 CPUs libtorch's sigmoid (SiLU, twice in every block of the network) runs Sleef's AVX-512
            // exp. In long processes on our test machines that exp, about 1 % of the time at first, took 41 % of it
            // after a few minutes and stayed there (perf: at a constant load under a zero mask), doubling every
            // network evaluation, while a fresh process was fast. The AVX2 kernels read their constants unmasked
            // and kept their speed; oneDNN's convolutions ignore this setting and keep AVX-512. Set before libtorch
            // dispatches its first kernel; a user's own value wins.
            if (NativeEnvironment.setDefault(NativeEnvironment.ATEN_CPU_CAPABILITY, "avx2").isEmpty()) {
                LOG.warning("could not set ATEN_CPU_CAPABILITY (JNA not found): long runs may slow down after a few"
                        + " minutes; set ATEN_CPU_CAPABILITY=avx2 in the environment before starting Java");
            }
        }

        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the PyTorch engine did not start (" + e.getMessage()
                    + "); with PYTORCH_LIBRARY_PATH set, check it points to libtorch " + "2.7.1", e);
        }
        int gpus = engine.getGpuCount();
        Device device;
        switch (choice) {
            case GPU:
                if (gpus == 0) {
                    throw noGpu();
                }
                device = Device.gpu();
                break;
            case AUTO:
                device = gpus > 0 ? Device.gpu() : Device.cpu();
                break;
            default:
                device = Device.cpu();
        }
        String nativePath = System.getenv("PYTORCH_LIBRARY_PATH") != null
                ? System.getenv("PYTORCH_LIBRARY_PATH") + " (user-provided)"
                : nativeLibraryPath();
        return new EngineState(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), device, gpus,
                Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads")),
                Integer.parseInt(System.getProperty("ai.djl.pytorch.num_interop_threads")), cache, nativePath);
    }

    private static String nativeLibraryPath() {
        try {
            return ai.djl.pytorch.jni.LibUtils.getLibtorchPath() + " (from the bundled pytorch-native-cpu jar)";
        } catch (RuntimeException | LinkageError e) {
            return Utils.getEngineCacheDir("pytorch") + " (bundled pytorch-native-cpu jar)";
        }
    }

    /** DIFFPRIOR_CACHE, else ~/.diffprior/djl: extracted natives live here, never downloaded ones. */
    static Path cacheDirectory() {
        String configured = System.getenv("DIFFPRIOR_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".diffprior", "djl");
    }

    private static InvalidInputException noGpu() {
        // Not keyed: the device comes from an option (command line) or from DIFFPRIOR_DEVICE (Fiji).
        return new InvalidInputException("no GPU available: the bundled engine is CPU-only; to use a GPU set "
                + "PYTORCH_LIBRARY_PATH to a CUDA build of libtorch 2.7.1 (and PYTORCH_FLAVOR, e.g. cu128), or choose the "
                + "cpu device");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static int positiveInt(String variable, int fallback) {
        String text = System.getenv(variable);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(variable + " must be a positive integer, not '" + text + "'");
        }
    }

    private static String oneLine(EngineState s) {
        return "DiffPrior engine: " + s.engineName() + " " + s.engineVersion() + ", device " + s.device()
                + ", GPU used: " + (s.gpuUsed() ? "yes" : "no") + ", threads " + s.intraOpThreads() + "/"
                + s.interOpThreads();
    }
}
