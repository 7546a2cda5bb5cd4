package org.normlab.sim.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The ND4J settings the engine relies on, applied once per process before the first network is built: float64 as
 * the default type, and one compute thread. ND4J otherwise sizes its OpenMP and BLAS pools from the core count; on
 * this project's 2-core machines that made a small network's step 3–20 times slower, and a race runs one network
 * per thread anyway. The settings are process-wide and must follow ND4J's own initialization, which
 * {@code getEnvironment()} triggers ({@code Environment.setMaxThreads} is ignored by ND4J 1.0.0-M2.1).
 */
public final class Backend {
    private static boolean initialized;

    private Backend() {
    }

    public static synchronized void initialize() {
        if (initialized) {
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        initialized = true;
    }

    /** The backend's name, for benchmark and status lines (e.g. "CpuBackend"). */
    public static String name() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }
}
