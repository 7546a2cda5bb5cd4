package org.normlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process, native ones included (a GL driver's, the JIT's, the collector's), summed
 * by thread name from {@code /proc/self/task}; for measurements. Empty where there is no {@code /proc}.
 */
final class ProcessThreads {
    /** Linux's clock ticks per second for {@code utime}/{@code stime} (USER_HZ, 100 on every mainstream build). */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessThreads() {
    }

    /** Thread name → CPU time in ns; numbered names ("llvmpipe-3", "run-7") keep their number. */
    static Map<String, Long> cpuNanosByName() {
        Map<String, Long> cpu = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    cpu.merge(name, Math.round(ticks / TICKS_PER_SECOND * 1e9), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }
}
