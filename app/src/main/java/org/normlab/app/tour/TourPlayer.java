package org.normlab.app.tour;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normlab.app.model.LabViewModel;
import org.normlab.sim.run.Tour;

/**
 * Plays the running race's tour: → enters the next step (a step that asks first shows only its question, and the
 * next → applies its actions and reveals its narration and marks), ← goes back to the previous step's narration and
 * marks. Actions steer the live race through the {@link LabViewModel}, as the controls do, so every change is
 * recorded; going back undoes none of them (training does not run backwards). The first → pauses and resets the race,
 * so the tour starts at step 0 and its {@code run_to}s move it on; a new race restarts the tour.
 */
public final class TourPlayer {
    private final LabViewModel model;
    private final Consumer<List<Tour.Mark>> marks;
    private final BiConsumer<String, Boolean> logScale;
    private Optional<Tour> tour = Optional.empty();
    /** The step shown: −1 before the first. */
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private boolean revealed;
    /** The furthest step whose actions were applied, so that going back and forth again applies none twice. */
    private int applied = -1;
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper narration = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");

    /**
     * @param marks    draws a step's marks on the charts (an empty list removes them)
     * @param logScale switches the chart of a series to a log (true) or linear value axis
     */
    public TourPlayer(LabViewModel model, Consumer<List<Tour.Mark>> marks, BiConsumer<String, Boolean> logScale) {
        this.model = model;
        this.marks = marks;
        this.logScale = logScale;
        model.tourProperty().addListener((property, old, next) -> restart(next));
        restart(model.tourProperty().get());
    }

    /** Back to before the first step of {@code next} (none: nothing to play). */
    private void restart(Optional<Tour> next) {
        tour = next;
        index.set(-1);
        revealed = false;
        applied = -1;
        show();
    }

    public boolean hasTour() {
        return tour.isPresent();
    }

    /** Reveals the step's answer if it asked, else enters the next step; past the last, nothing. */
    public void next() {
        if (tour.isEmpty()) {
            return;
        }
        List<Tour.Step> steps = tour.get().steps();
        int at = index.get();
        if (at >= 0 && !revealed) {
            reveal();
        } else if (at + 1 < steps.size()) {
            if (at < 0 && applied < 0) {
                // The tour's steps name steps of training: it starts paused at step 0 and its run_to moves on.
                model.pause();
                model.reset();
            }
            index.set(at + 1);
            revealed = steps.get(at + 1).ask() == null;
            if (revealed) {
                apply();
            }
        }
        show();
    }

    /** The previous step, revealed; before the first, the tour's opening. */
    public void back() {
        if (index.get() >= 0) {
            index.set(index.get() - 1);
            revealed = true;
        }
        show();
    }

    private void reveal() {
        revealed = true;
        apply();
    }

    /** The shown step's actions, in order, the first time it is revealed. */
    private void apply() {
        int at = index.get();
        if (at <= applied) {
            return;
        }
        applied = at;
        for (Tour.Action action : tour.orElseThrow().steps().get(at).actions()) {
            if (action instanceof Tour.Action.RunTo to) {
                model.runTo(to.step());
            } else if (action instanceof Tour.Action.Pause) {
                model.pause();
            } else if (action instanceof Tour.Action.Set set) {
                model.setHyperparameter(set.run(), set.name(), set.value());
            } else if (action instanceof Tour.Action.AddRun add) {
                model.addRun(add.run());
            } else if (action instanceof Tour.Action.RemoveRun remove) {
                model.removeRun(remove.run());
            } else if (action instanceof Tour.Action.LogScale log) {
                logScale.accept(log.series(), log.on());
            }
        }
    }

    private void show() {
        if (tour.isEmpty()) {
            question.set("");
            narration.set("");
            position.set("");
            marks.accept(List.of());
            return;
        }
        List<Tour.Step> steps = tour.get().steps();
        int at = index.get();
        if (at < 0) {
            question.set("");
            narration.set("Press → to start the tour.");
            position.set("tour: " + steps.size() + " steps");
            marks.accept(List.of());
            return;
        }
        Tour.Step step = steps.get(at);
        question.set(step.ask() == null ? "" : step.ask());
        narration.set(revealed ? step.say() : "Press → to see.");
        position.set("step " + (at + 1) + " of " + steps.size());
        marks.accept(revealed ? step.marks() : List.of());
    }

    /** The shown step's question, or "" when it asks none. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** The shown step's narration once revealed (before: how to reveal it). */
    public ReadOnlyStringProperty narrationProperty() {
        return narration.getReadOnlyProperty();
    }

    /** "step 3 of 7". */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The step shown, from 0; −1 before the first. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }
}
