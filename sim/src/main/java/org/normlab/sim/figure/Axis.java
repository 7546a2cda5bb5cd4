package org.normlab.sim.figure;

import java.util.Objects;

/** An axis: its label (which may carry symbols, see {@link Label}) and its scale. */
public record Axis(Label label, Scale scale) {
    public Axis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scale, "scale");
    }

    public static Axis linear(String label) {
        return new Axis(Label.of(label), Scale.LINEAR);
    }

    public static Axis log(String label) {
        return new Axis(Label.of(label), Scale.LOG);
    }
}
