package org.normlab.sim.probe;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The null spaces of data that never change, each computed once per process: a first Linear layer's inputs are the
 * probe set itself, which every run of a race shares (and keeps across resets), so all of them need the same
 * {@link NullSpace} — for MNIST a 784-wide eigendecomposition. Keyed by the data array's identity and τ, held
 * weakly: a finished race's probe set is collected, and its entry dropped. Thread-safe: a run that asks while
 * another computes the same span waits for it instead of repeating the work.
 */
final class DataSpans {
    private record Entry(WeakReference<INDArray> data, double tau, FutureTask<NullSpace> span) {
    }

    /** Guarded by itself. */
    private static final List<Entry> ENTRIES = new ArrayList<>();

    private DataSpans() {
    }

    /** {@link NullSpace#of} of {@code data}, which nobody may write, computed once. */
    static NullSpace of(INDArray data, double tau) {
        FutureTask<NullSpace> span = null;
        boolean mine = false;
        synchronized (ENTRIES) {
            ENTRIES.removeIf(e -> e.data().get() == null);
            for (Entry e : ENTRIES) {
                if (e.data().get() == data && e.tau() == tau) {
                    span = e.span();
                }
            }
            if (span == null) {
                span = new FutureTask<>(() -> NullSpace.of(data, tau));
                ENTRIES.add(new Entry(new WeakReference<>(data), tau, span));
                mine = true;
            }
        }
        if (mine) {
            span.run();
        }
        // Waits as long as computing it here would have taken, an interrupt notwithstanding (kept for the caller).
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return span.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            forget(span);
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void forget(FutureTask<NullSpace> span) {
        synchronized (ENTRIES) {
            ENTRIES.removeIf(e -> e.span() == span);
        }
    }
}
