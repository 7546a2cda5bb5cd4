package org.normlab.app.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * How much of the machine the window itself takes: the CPU time of its FX thread and renderer per second, as a share
 * of all cores. The window paces its live updates on it ({@link ChartPacing}) so training keeps the rest: with a
 * software renderer on two cores each tick costs the window ~30 ms of CPU.
 */
public final class WindowLoad {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** JavaFX's render thread; its name is an implementation detail, so without it only the FX thread counts. */
    private static final String RENDERER = "QuantumRenderer";

    private final long[] threadIds;
    private final long[] lastCpuNanos;
    private final int cores;
    private final LongUnaryOperator cpuNanos;
    private final LongSupplier clock;
    private long lastWallNanos = -1;

    /**
     * @param threadIds the threads whose load counts
     * @param cores     the machine's cores
     * @param cpuNanos  a thread's CPU time so far by its id, in nanoseconds; negative once it has ended
     * @param clock     wall time in nanoseconds, as {@link System#nanoTime}
     */
    WindowLoad(long[] threadIds, int cores, LongUnaryOperator cpuNanos, LongSupplier clock) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, was " + cores);
        }
        this.threadIds = threadIds.clone();
        this.lastCpuNanos = new long[threadIds.length];
        this.cores = cores;
        this.cpuNanos = cpuNanos;
        this.clock = clock;
    }

    /**
     * The load of the calling thread (call it on the FX thread) and of JavaFX's renderer, on this machine's cores;
     * NaN always where the JVM cannot measure thread CPU time.
     */
    public static WindowLoad ofThisWindow() {
        LongStream renderer = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(RENDERER)).mapToLong(Thread::getId);
        boolean measurable = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        return new WindowLoad(LongStream.concat(LongStream.of(Thread.currentThread().getId()), renderer).toArray(),
                Runtime.getRuntime().availableProcessors(), measurable ? THREADS::getThreadCpuTime : id -> -1,
                measurable ? System::nanoTime : () -> -1);
    }

    /** The calling thread's CPU time in ns; 0 where the JVM cannot measure it. */
    static long currentThreadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    /**
     * The share of the machine (0 to 1) the window's threads used since the previous call; NaN on the first call, and
     * while the clock reads negative (not measurable).
     */
    public synchronized double share() {
        long used = 0;
        for (int i = 0; i < threadIds.length; i++) {
            long cpu = cpuNanos.applyAsLong(threadIds[i]);
            if (cpu >= 0) { // -1 once the thread has ended: it uses nothing more
                used += cpu - lastCpuNanos[i];
                lastCpuNanos[i] = cpu;
            }
        }
        long wall = clock.getAsLong();
        double share = lastWallNanos < 0 || wall <= lastWallNanos ? Double.NaN
                : (double) used / (wall - lastWallNanos) / cores;
        lastWallNanos = wall;
        return share;
    }
}
