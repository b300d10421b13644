package org.diffprior.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class EngineBootstrapTest {

    @Test
    void startsOfflineOnTheCpuAndSaysSo() {
        EngineBootstrap.EngineState state = EngineBootstrap.start();
        assertEquals("PyTorch", state.engineName());
        assertTrue(state.engineVersion().startsWith("2.7"), state.engineVersion());
        assertFalse(state.gpuUsed());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(state.intraOpThreads() >= 1);
        assertTrue(EngineBootstrap.describe().contains("GPU used: no"));
    }

    @Test
    void runsEngineWorkWithThePluginLoaderAndRestoresTheCallers() {
        ClassLoader foreign = new URLClassLoader(new URL[0], null);
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(foreign);
        try {
            ClassLoader inside = EngineBootstrap.call(() -> Thread.currentThread().getContextClassLoader());
            assertSame(EngineBootstrap.class.getClassLoader(), inside);
            assertSame(foreign, thread.getContextClassLoader());
            assertThrows(IllegalStateException.class, () -> EngineBootstrap.call(() -> {
                throw new java.io.IOException("boom");
            }));
            assertSame(foreign, thread.getContextClassLoader());
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void rejectsUnknownDeviceAndGpuWithoutCudaLibtorch() {
        assertThrows(InvalidInputException.class, () -> EngineBootstrap.DeviceChoice.parse("tpu"));
        assertEquals(EngineBootstrap.DeviceChoice.AUTO, EngineBootstrap.DeviceChoice.parse(" Auto "));
        EngineBootstrap.start();
        if (!EngineBootstrap.state().gpuUsed()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> EngineBootstrap.start(EngineBootstrap.DeviceChoice.GPU));
            assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
        }
    }

    @Test
    void dispatchesLibtorchsElementwiseKernelsForAvx2UnlessTheUserChose() {
        EngineBootstrap.start();
        assumeTrue(NativeEnvironment.x86Linux(), "the kernel names are x86's");
        String users = System.getenv(NativeEnvironment.ATEN_CPU_CAPABILITY);
        String expected = users != null ? users : "avx2";
        // What libtorch reads is the C environment, not Java's copy of it.
        assertEquals(Optional.of(expected), NativeEnvironment.get(NativeEnvironment.ATEN_CPU_CAPABILITY));
        assertTrue(EngineBootstrap.describe().contains("ATen CPU kernels (ATEN_CPU_CAPABILITY): " + expected),
                String.valueOf(EngineBootstrap.describe()));
    }

    @Test
    void setsANativeDefaultOnlyWhereNothingIsSetYet() {
        assumeTrue(NativeEnvironment.x86Linux(), "DiffPrior sets the native environment on x86-64 Linux only");
        String name = "DIFFPRIOR_TEST_DEFAULT_" + System.nanoTime();
        assertEquals(Optional.empty(), NativeEnvironment.get(name));
        assertEquals(Optional.of("first"), NativeEnvironment.setDefault(name, "first"));
        assertEquals(Optional.of("first"), NativeEnvironment.setDefault(name, "second"));
        assertNull(System.getenv(name), "Java's copy of the environment is not what native code reads");
    }
}
