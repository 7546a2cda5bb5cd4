package org.normlab.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.run.Experiment;

/**
 * One run in the control panel and the legend: its name, color, how it is doing, and its hyperparameters and batch
 * size as editable text (whole numbers without a decimal point). A field the user is editing is not overwritten; it
 * takes the run's value again when the run's value changes or the entry is refused.
 */
public final class RunRow {
    private final RaceRun run;
    private final List<Setting> settings = new ArrayList<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper halted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** One hyperparameter: its name and the text of its field. */
    public static final class Setting {
        private final String name;
        private final StringProperty text = new SimpleStringProperty();
        private double shown = Double.NaN;

        Setting(String name, double value) {
            this.name = name;
            show(value);
        }

        public String name() {
            return name;
        }

        public StringProperty textProperty() {
            return text;
        }

        /** Puts {@code value} into the field if it differs from the value shown last. */
        void show(double value) {
            if (Double.compare(value, shown) != 0) {
                shown = value;
                restore();
            }
        }

        /** Puts the value shown last back into the field, over a refused entry. */
        void restore() {
            text.set(shown == Math.rint(shown) && Math.abs(shown) < 1e15 ? Long.toString((long) shown)
                    : Double.toString(shown));
        }
    }

    RunRow(RaceRun run) {
        this.run = run;
        run.hyperparameters().forEach((name, value) -> settings.add(new Setting(name, value)));
        update();
    }

    public RaceRun run() {
        return run;
    }

    public String name() {
        return run.name();
    }

    public String optimizer() {
        return run.optimizer();
    }

    /** The name, followed by the optimizer when the name does not say it. */
    public String label() {
        return run.name().equals(run.optimizer()) ? run.name() : run.name() + " (" + run.optimizer() + ")";
    }

    /**
     * What the run trains with besides its hyperparameters: its learning-rate schedule (a factor on η) and frozen
     * tensors, e.g. {@code η × cosine over 1000 steps to 0×; frozen: gamma, beta}; empty if neither.
     */
    public String training() {
        Experiment.RunSetup setup = run.setup();
        List<String> parts = new ArrayList<>();
        if (setup.schedule() != null) {
            parts.add("η × " + setup.schedule().label());
        }
        if (!setup.freeze().isEmpty()) {
            parts.add("frozen: " + String.join(", ", setup.freeze()));
        }
        return String.join("; ", parts);
    }

    /** The run's palette color, CSS hex. */
    public String color() {
        return Palette.color(run.color());
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Steps and pace, "paused", or where and why it stopped. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether the run stopped for good before its last step: it diverged, or its thread failed. */
    public ReadOnlyBooleanProperty haltedProperty() {
        return halted.getReadOnlyProperty();
    }

    /** Why the last edit was refused, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void setMessage(String text) {
        message.set(text);
    }

    /**
     * An entry for {@code name} was refused for {@code why}: the message says so and the field shows the value in
     * force again (the message quotes the refused entry).
     */
    void refused(String name, String why) {
        message.set(why);
        settings.stream().filter(s -> s.name().equals(name)).forEach(Setting::restore);
    }

    /** Reads the run's status and hyperparameters again. */
    void update() {
        RunStatus status = run.status();
        halted.set(status.state() == RunStatus.State.DIVERGED || status.state() == RunStatus.State.FAILED);
        summary.set(describe(status));
        Map<String, Double> values = run.hyperparameters();
        settings.forEach(setting -> setting.show(values.get(setting.name())));
    }

    private String describe(RunStatus status) {
        return switch (status.state()) {
            case DIVERGED -> "diverged at step " + status.divergedAt();
            case FINISHED -> status.steps() + " steps, done";
            case FAILED -> "stopped at step " + status.steps() + ": " + status.failure();
            case PAUSED -> status.steps() + " steps, paused";
            case RUNNING -> status.steps() + " steps" + (Double.isNaN(status.stepsPerSecond()) ? ""
                    : String.format(Locale.ROOT, ", %.0f/s", status.stepsPerSecond()));
        };
    }
}
