package org.normlab.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normlab.app.session.LabSession;
import org.normlab.app.session.RaceRun;
import org.normlab.app.session.RaceSetup;
import org.normlab.app.session.RunStatus;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.OptimizerSetup;
import org.normlab.sim.run.Tour;

/**
 * What the lab window shows and lets the user do, as plain JavaFX properties: usable and testable without a running
 * toolkit. It steers a {@link LabSession} and reads it when {@link #refresh} is called (the window does so a few
 * times a second on the FX thread). Every user input goes through here; an invalid one leaves a message naming what
 * is allowed and changes no run.
 */
public final class LabViewModel {
    /** The hyperparameter presenter mode's + and − change. */
    public static final String LEARNING_RATE = "learningRate";
    private final Function<RaceSetup, LabSession> starter;
    private final SetupForm form = new SetupForm();
    private RaceSetup setup;
    private LabSession session;

    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper planar = new ReadOnlyBooleanWrapper();
    private final StringBinding playLabel = Bindings.when(playing).then("Pause").otherwise("Play");
    private final ReadOnlyObjectWrapper<List<RaceRun>> race = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("starting…");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper noticeIsProblem = new ReadOnlyBooleanWrapper();
    private final LongestComputation progress = new LongestComputation(System::nanoTime);
    private final ReadOnlyStringWrapper setupMessage = new ReadOnlyStringWrapper("");
    private final StringProperty newRunName = new SimpleStringProperty("");
    private final ObjectProperty<OptimizerSetup.Recipe> newRunOptimizer =
            new SimpleObjectProperty<>(OptimizerSetup.Recipe.SGD);
    private final StringProperty newRunLearningRate = new SimpleStringProperty("0.1");
    private final ReadOnlyStringWrapper addRunMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<Preset> presets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
    private final BooleanProperty presenter = new SimpleBooleanProperty();
    private final BooleanProperty lockstep = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Optional<Tour>> tour = new ReadOnlyObjectWrapper<>(Optional.empty());

    /**
     * Starts {@code opening} at once.
     *
     * @param starter starts a race; it throws {@link IllegalArgumentException} (or another runtime exception with a
     *                message) for a race that cannot start, e.g. data that does not load
     */
    public LabViewModel(RaceSetup opening, Function<RaceSetup, LabSession> starter, List<Preset> presets) {
        this.starter = starter;
        this.presets.setAll(presets);
        this.setup = opening;
        this.description.set(opening.description());
        this.session = starter.apply(opening);
        planar.set(opening.data().planar());
        tour.set(Optional.ofNullable(opening.tour()));
        lockstep.set(opening.training().lockstep());
        // The toggle steers the race; presenter mode turns it on (a class compares runs at the same step).
        lockstep.addListener((property, was, on) -> session.lockstep(on).ifPresent(this::problem));
        presenter.addListener((property, was, on) -> {
            if (on) {
                lockstep.set(true);
            }
        });
        form.show(opening);
        setupProblems(session).ifPresent(this::problem);
        refresh();
    }

    /** Reads the session: the runs (new ones after a reset, add or remove), their status and the status line. */
    public void refresh() {
        List<RaceRun> now = session.runs();
        if (!sameRuns(now, race.get())) {
            race.set(now);
            runs.setAll(now.stream().map(RunRow::new).toList());
        }
        runs.forEach(RunRow::update);
        playing.set(session.playing());
        status.set(statusLine());
        progress.show(session.computations());
    }

    /**
     * Records a computation of the window's own (e.g. writing an export's files) for the status line, from any
     * thread; run the returned action when it ends.
     */
    public Runnable working(String what) {
        return progress.working(what);
    }

    /** The speeds the tool bar offers, in steps per second per run; 0 = as fast as the runs go. */
    public static final List<Double> SPEEDS = List.of(0.0, 1000.0, 100.0, 10.0, 1.0);

    /** Caps every run's speed (kept when a new race starts); a refusal goes to the notice. */
    public void setSpeed(double stepsPerSecond) {
        show(session.setSpeed(stepsPerSecond));
    }

    public double speed() {
        return session.speed();
    }

    /** "full speed" or "100 steps/s". */
    public static String speedLabel(double stepsPerSecond) {
        return stepsPerSecond == 0 ? "full speed" : String.format(java.util.Locale.ROOT, "%.0f steps/s",
                stepsPerSecond);
    }

    public void togglePlaying() {
        show(playing.get() ? session.pause() : session.play());
    }

    public void step() {
        show(session.step());
    }

    /** Pauses every run; paused already, nothing changes. */
    public void pause() {
        show(session.pause());
    }

    public void reset() {
        show(session.reset());
    }

    /** Every run on to step {@code step} (in lockstep, if on), then paused. */
    public void runTo(long step) {
        show(session.runTo(step));
    }

    /** Sets a hyperparameter of run {@code run} as its field would (a refusal goes to the row's message). */
    public void setHyperparameter(String run, String name, double value) {
        row(run).ifPresentOrElse(row -> setHyperparameter(row, name, Double.toString(value)),
                () -> problem("no run named '" + run + "'"));
    }

    /** Multiplies run {@code run}'s learning rate by {@code factor}, as typed into its field. */
    public void scaleLearningRate(String run, double factor) {
        row(run).ifPresent(row -> {
            Double now = row.run().hyperparameters().get(LEARNING_RATE);
            if (now != null) {
                setHyperparameter(row, LEARNING_RATE, String.format(Locale.ROOT, "%.4g", now * factor));
            }
        });
    }

    /** Adds {@code run} to the race now (a tour's action); a refusal goes to the notice. */
    public void addRun(Experiment.RunSetup run) {
        show(attempt(() -> session.addRun(run)));
    }

    /** Takes run {@code run} out of the race (a tour's action); a refusal goes to the notice. */
    public void removeRun(String run) {
        show(session.removeRun(run));
    }

    private Optional<RunRow> row(String run) {
        return runs.stream().filter(row -> row.name().equals(run)).findFirst();
    }

    /**
     * Sets a hyperparameter of a run from the text of its field; a refusal goes to the row's message and the field
     * shows the value in force again.
     */
    public void setHyperparameter(RunRow row, String name, String text) {
        Optional<String> problem = attempt(() -> session.setHyperparameter(row.name(), name,
                TextInput.number(name, text)));
        problem.ifPresentOrElse(why -> row.refused(name, why), () -> row.setMessage(""));
        refresh();
    }

    public void addRun() {
        Optional<String> problem = attempt(() -> session.addRun(RaceSetup.run(newRunName.get().strip(),
                newRunOptimizer.get(), TextInput.number("learningRate", newRunLearningRate.get()))));
        addRunMessage.set(problem.orElse(""));
        if (problem.isEmpty()) {
            newRunName.set("");
        }
        refresh();
    }

    public void removeRun(RunRow row) {
        show(session.removeRun(row.name()));
    }

    /** Restarts the race with the form's data and network and the runs as they are now. */
    public void applySetup() {
        Optional<String> problem = attempt(() -> restart(form.toSetup(setup).withRuns(currentRuns())));
        setupMessage.set(problem.orElse(""));
    }

    /** Restarts the race as {@code chosen} describes; a preset that does not parse says why. */
    public void loadPreset(Preset chosen) {
        if (!chosen.loadable()) {
            setupMessage.set(chosen.name() + ": " + chosen.description());
            return;
        }
        setupMessage.set(load(chosen.setup()).orElse(""));
    }

    /**
     * Restarts the race as {@code next} describes it and shows its data and network in the form.
     *
     * @return why the race cannot start (the current one then goes on), or which of its runs could not be set up
     *         (the others run), or empty
     */
    public Optional<String> load(RaceSetup next) {
        Optional<String> problem = attempt(() -> restart(next));
        if (setup == next) {
            form.show(next);
        }
        return problem;
    }

    /**
     * The race as it went so far: its set-up with each run's initial hyperparameters and, as a schedule, every change
     * made at the step it was made ({@link RaceRun#recorded}).
     *
     * @throws IllegalArgumentException if no run is left
     */
    public RaceSetup recordedSetup() {
        return setup.withRuns(session.runs().stream().map(RaceRun::recorded).toList());
    }

    /** Stops the race; the model takes no more commands that reach it. */
    public void close() {
        session.close();
    }

    /** Starts {@code next} in place of the current race; returns which of its runs could not be set up, if any. */
    private Optional<String> restart(RaceSetup next) {
        LabSession started = starter.apply(next);
        started.setSpeed(session.speed());
        session.close();
        session = started;
        setup = next;
        description.set(next.description());
        planar.set(next.data().planar());
        tour.set(Optional.ofNullable(next.tour()));
        if (next.training().lockstep()) {
            lockstep.set(true);
        }
        started.lockstep(lockstep.get());
        refresh();
        return setupProblems(started);
    }

    private static Optional<String> setupProblems(LabSession session) {
        List<String> problems = session.setupProblems();
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private List<Experiment.RunSetup> currentRuns() {
        List<Experiment.RunSetup> current = session.runs().stream().map(RaceRun::setup).toList();
        return current.isEmpty() ? setup.runs() : current;
    }

    /** Shows news in the tool bar's notice (e.g. what an export wrote). */
    public void notice(String text) {
        notice.set(text);
        noticeIsProblem.set(false);
    }

    /** Shows in the tool bar's notice why something the user asked for could not be done. */
    public void problem(String text) {
        notice.set(text);
        noticeIsProblem.set(true);
    }

    private void show(Optional<String> problem) {
        problem.ifPresentOrElse(this::problem, () -> notice(""));
        refresh();
    }

    /**
     * Runs a command; bad input (an exception with a message) becomes the message instead, and so does memory that
     * ran out while a race was being set up (what was built is garbage then; the race that runs goes on).
     */
    private static Optional<String> attempt(Supplier<Optional<String>> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        } catch (OutOfMemoryError e) {
            return Optional.of("out of memory (" + e.getMessage() + "); the race goes on as it was");
        }
    }

    private String statusLine() {
        List<String> parts = new ArrayList<>();
        double probeSeconds = 0;
        long maxSteps = 0;
        for (RaceRun run : race.get()) {
            RunStatus s = run.status();
            probeSeconds += s.probeSeconds();
            maxSteps = Math.max(maxSteps, s.steps());
            parts.add(run.name() + " " + switch (s.state()) {
                case RUNNING -> Double.isNaN(s.stepsPerSecond()) ? "…"
                        : String.format(Locale.ROOT, "%.0f steps/s", s.stepsPerSecond());
                case PAUSED -> "paused";
                case DIVERGED -> "diverged at " + s.divergedAt();
                case FINISHED -> "done";
                case FAILED -> "stopped";
            });
        }
        return String.format(Locale.ROOT, "step %d · %s · probes %.1f s", maxSteps, String.join(" · ", parts),
                probeSeconds);
    }

    private static boolean sameRuns(List<RaceRun> a, List<RaceRun> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    public SetupForm form() {
        return form;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** Whether the race's data is generated in the plane, so its runs have decision maps to show. */
    public ReadOnlyBooleanProperty planarProperty() {
        return planar.getReadOnlyProperty();
    }

    /** "Pause" while playing, "Play" while paused. */
    public StringBinding playLabel() {
        return playLabel;
    }

    /** The session's runs; a new list whenever the runs change (reset, add, remove, a new race). */
    public ReadOnlyObjectProperty<List<RaceRun>> raceProperty() {
        return race.getReadOnlyProperty();
    }

    public ObservableList<RunRow> runs() {
        return runs;
    }

    /** Step count, each run's pace or state, time in probes. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last play/pause/step/reset/remove was refused, or empty. */
    /** What the longest computation under way is, how long it has taken, or "" when none has taken long. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progress.textProperty();
    }

    /** The longest computation's share done (−1: unknown), or 0 when none has taken long. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.fractionProperty();
    }

    /** Whether the notice says why something could not be done (shown as an error), not news. */
    public ReadOnlyBooleanProperty noticeIsProblemProperty() {
        return noticeIsProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Why the last data/network change or preset was refused, or empty. */
    public ReadOnlyStringProperty setupMessageProperty() {
        return setupMessage.getReadOnlyProperty();
    }

    public StringProperty newRunNameProperty() {
        return newRunName;
    }

    public ObjectProperty<OptimizerSetup.Recipe> newRunOptimizerProperty() {
        return newRunOptimizer;
    }

    public StringProperty newRunLearningRateProperty() {
        return newRunLearningRate;
    }

    public ReadOnlyStringProperty addRunMessageProperty() {
        return addRunMessage.getReadOnlyProperty();
    }

    /** Whether the window shows presenter mode: projector theme, the tour's charts, its narration. */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    /** Whether the runs advance together ({@code training.lockstep}); on in presenter mode. */
    public BooleanProperty lockstepProperty() {
        return lockstep;
    }

    /** The running race's guided tour, if its file has one. */
    public ReadOnlyObjectProperty<Optional<Tour>> tourProperty() {
        return tour.getReadOnlyProperty();
    }

    public ObservableList<Preset> presets() {
        return presets;
    }

    /** The running race's text of what to look for (a preset's or an experiment file's description). */
    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }
}
