package org.normlab.app;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Waits on a condition, never on a time: the timeout is far beyond any wait that succeeds on a loaded machine and
 * only ends one that never would.
 */
public final class Await {
    /** How long a wait may take before it counts as never succeeding. */
    public static final long TIMEOUT_SECONDS = 120;

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when it does not within the timeout. */
    public static void until(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + TIMEOUT_SECONDS + " s in vain: " + what, e);
        }
    }

    /** Polls {@code probe} until it finds something and returns it; fails naming {@code what} as {@link #until}. */
    public static <T> T found(String what, Supplier<Optional<T>> probe) throws Exception {
        AtomicReference<T> found = new AtomicReference<>();
        until(what, () -> {
            probe.get().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
