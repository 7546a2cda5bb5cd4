package org.normlab.sim.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Ctrl-C (or SIGTERM) while a command works: the JVM's shutdown hook asks the work to stop, then holds the JVM until
 * the command has written and reported what was computed ({@link #close}); only then does the JVM exit (status 130
 * after Ctrl-C, 143 after SIGTERM).
 */
final class Interruption implements AutoCloseable {
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    /** From now until {@link #close}, a signal that ends the JVM runs {@code stop} first. */
    Interruption(Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            awaitReported();
        }, "normlab-interruption");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void awaitReported() {
        boolean interrupted = false;
        while (true) {
            try {
                reported.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has written and said what it has: an interruption may now let the JVM end. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already and waits for the countdown below.
        }
        reported.countDown();
    }
}
