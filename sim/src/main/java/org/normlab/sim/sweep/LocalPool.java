package org.normlab.sim.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.normlab.sim.run.Progress;

/**
 * The default engine: trials on a fixed pool of threads in this process, one trial per thread. ND4J computes each
 * call on one thread ({@link org.normlab.sim.backend.Backend}), so a pool as large as the cores keeps them busy
 * without oversubscribing them.
 */
public final class LocalPool {
    private LocalPool() {
    }

    /**
     * Runs trials {@code pending} through {@code runner} on {@code threads} threads; true if every one finished,
     * false if the runner was stopped first. The first trial that fails stops the others and is rethrown.
     */
    public static boolean run(TrialRunner runner, List<Integer> pending, int threads, Progress progress)
            throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, "normlab-sweep-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Boolean>> trials = new ArrayList<>();
            for (int index : pending) {
                trials.add(pool.submit(() -> runner.run(index, progress)));
            }
            boolean all = true;
            for (Future<Boolean> trial : trials) {
                try {
                    all &= trial.get();
                } catch (ExecutionException e) {
                    runner.stop();
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
