package org.normlab.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.probe.Probes;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.LearningRateSchedule;

/**
 * The race settings a user edits as text and choices: data set, network, steps, batch size, evaluation cadence,
 * whether the runs measure per-layer curvature.
 * Nothing reaches a race until {@link #toSetup} has read every field into a valid {@link RaceSetup}. No toolkit needed.
 */
public final class SetupForm {
    private final ObjectProperty<DataKind> data = new SimpleObjectProperty<>();
    private final StringProperty size = new SimpleStringProperty();
    private final StringProperty noise = new SimpleStringProperty();
    private final StringProperty widths = new SimpleStringProperty();
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>();
    private final ObjectProperty<Normalization> normalization = new SimpleObjectProperty<>();
    private final StringProperty steps = new SimpleStringProperty();
    private final StringProperty batchSize = new SimpleStringProperty();
    private final StringProperty evaluateEvery = new SimpleStringProperty();
    private final StringProperty schedule = new SimpleStringProperty();
    private final BooleanProperty layerCurvature = new SimpleBooleanProperty();
    /** The schedule line shown last: left as it was, the runs keep their own schedules. */
    private String shownSchedule = "";

    /** Shows the settings of {@code setup}. */
    public void show(RaceSetup setup) {
        data.set(setup.data().kind());
        size.set(Integer.toString(setup.data().size()));
        noise.set(Double.toString(setup.data().noise()));
        widths.set(setup.network().hiddenWidths().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        activation.set(setup.network().activation());
        normalization.set(setup.network().normalization());
        steps.set(Integer.toString(setup.training().steps()));
        batchSize.set(Integer.toString(setup.training().batchSize()));
        evaluateEvery.set(Integer.toString(setup.evaluateEvery()));
        List<String> schedules = setup.runs().stream().map(r -> ScheduleText.format(r.schedule())).distinct()
                .toList();
        shownSchedule = schedules.size() == 1 ? schedules.get(0) : "";
        schedule.set(shownSchedule);
        layerCurvature.set(setup.probes().families().contains(Probes.Family.LAYER_CURVATURE));
    }

    /**
     * {@code base} with the settings shown here; its runs, seeds and probe set stay. An edited schedule line gives
     * every run that learning-rate schedule (an empty line: none); left as shown, each run keeps its own.
     *
     * @throws IllegalArgumentException naming the first invalid field and what it allows
     */
    public RaceSetup toSetup(RaceSetup base) {
        DataSpec dataSpec = DataSpec.defaults(data.get()).withSeed(base.data().seed())
                .withSize(TextInput.integer("data size", size.get()))
                .withNoise(TextInput.number("noise", noise.get()));
        Experiment.NetworkSetup n = base.network();
        Experiment.NetworkSetup network = new Experiment.NetworkSetup(hiddenWidths(), activation.get(),
                normalization.get(), n.initialization(), n.loss(), n.bnEpsilon(), n.ghostBatchSize(), n.seed());
        Experiment.Training training = new Experiment.Training(TextInput.integer("steps", steps.get()),
                TextInput.integer("batch size", batchSize.get()), base.training().orderSeed());
        List<Experiment.RunSetup> runs = base.runs();
        String line = schedule.get() == null ? "" : schedule.get().strip();
        if (!line.equals(shownSchedule)) {
            LearningRateSchedule chosen = ScheduleText.parse(line);
            runs = runs.stream().map(r -> r.withSchedule(chosen)).toList();
        }
        return new RaceSetup(base.name(), base.description(), dataSpec, network, training, base.probe(),
                probes(base.probes()), TextInput.integer("evaluate every", evaluateEvery.get()), runs);
    }

    /** {@code base}'s probes with the layer-curvature family on or off as the box says. */
    private Experiment.ProbesSetup probes(Experiment.ProbesSetup base) {
        if (base.families().contains(Probes.Family.LAYER_CURVATURE) == layerCurvature.get()) {
            return base;
        }
        List<Probes.Family> families = new ArrayList<>(base.families());
        families.remove(Probes.Family.LAYER_CURVATURE);
        if (layerCurvature.get()) {
            families.add(Probes.Family.LAYER_CURVATURE);
        }
        return new Experiment.ProbesSetup(families, base.batchNormMode(), base.weightsEvery(),
                base.evaluationsEvery(), base.curvatureEvery(), base.eigenTolerance());
    }

    private List<Integer> hiddenWidths() {
        String text = widths.get().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("widths must list one or more hidden widths >= 1, e.g. 32, 32");
        }
        List<Integer> list = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            int width = TextInput.integer("widths", part);
            if (width < 1) {
                throw new IllegalArgumentException("widths must be integers >= 1, was " + width);
            }
            list.add(width);
        }
        return list;
    }

    public ObjectProperty<DataKind> dataProperty() {
        return data;
    }

    /** Examples before the train/test split (MNIST: 0 = the whole file). */
    public StringProperty sizeProperty() {
        return size;
    }

    /** The generator's noise; MNIST ignores it. */
    public StringProperty noiseProperty() {
        return noise;
    }

    /** Hidden widths, comma- or space-separated. */
    public StringProperty widthsProperty() {
        return widths;
    }

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public ObjectProperty<Normalization> normalizationProperty() {
        return normalization;
    }

    /** Steps every run takes. */
    public StringProperty stepsProperty() {
        return steps;
    }

    /** Examples per step, 0 = full batch. */
    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    /**
     * Every run's learning-rate schedule as one line ({@code cosine 1000}, {@code step 500 0.5}, {@code warmup 100
     * cosine 900}, …; empty: none); empty when the runs have different ones.
     */
    public StringProperty scheduleProperty() {
        return schedule;
    }

    /**
     * Whether every run measures per-layer curvature (family {@code layer_curvature}: each layer's λ_max and trace and
     * the Hessian's trace at the curvature cadence; about 1.7 sharpness estimates each time).
     */
    public BooleanProperty layerCurvatureProperty() {
        return layerCurvature;
    }

    /** Steps between diagnostics. */
    public StringProperty evaluateEveryProperty() {
        return evaluateEvery;
    }
}
