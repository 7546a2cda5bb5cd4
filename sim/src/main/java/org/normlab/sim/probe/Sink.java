package org.normlab.sim.probe;

/** Where probes write: one value of series {@code key} at training step {@code step}. */
@FunctionalInterface
public interface Sink {
    void append(String key, long step, double value);
}
