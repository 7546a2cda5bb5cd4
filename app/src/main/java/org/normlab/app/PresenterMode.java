package org.normlab.app;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.RunRow;
import org.normlab.app.tour.TourPlayer;

/**
 * Presenter mode's tool bar and keys: only what a lesson uses — the tour's ← / →, play/pause, reset, the selected
 * run's learning rate (×√2 / ÷√2, through the same path as its field in the control panel, so the change is recorded
 * and marked), lockstep, and the way back to the full lab. Keys (presenter mode only, so typing elsewhere is never
 * taken): space play/pause, → next tour step, ← back, R reset, + / − the selected run's learning rate, 1–9 select a
 * run.
 */
final class PresenterMode {
    /** The factor + and − change the learning rate by: two presses double or halve it. */
    static final double RATE_FACTOR = Math.sqrt(2);

    private final LabViewModel model;
    private final TourPlayer player;
    private final StringProperty selected = new SimpleStringProperty("");
    private final ToolBar bar;

    PresenterMode(LabViewModel model, TourPlayer player) {
        this.model = model;
        this.player = player;
        Button playPause = button("presenterPlay", "", model::togglePlaying);
        playPause.textProperty().bind(model.playLabel());
        Button reset = button("presenterReset", "Reset", model::reset);
        reset.setTooltip(new Tooltip("R"));
        ChoiceBox<String> run = new ChoiceBox<>();
        run.setId("presenterRun");
        run.setFocusTraversable(false);
        model.runs().addListener((ListChangeListener<RunRow>) change -> keepSelection(run));
        keepSelection(run);
        run.valueProperty().addListener((property, old, name) -> {
            if (name != null) {
                selected.set(name);
            }
        });
        selected.addListener((property, old, name) -> run.setValue(name));
        Label rate = new Label();
        rate.setId("presenterRate");
        rate.textProperty().bind(Bindings.createStringBinding(() -> "η " + learningRate(), selected,
                model.statusProperty()));
        Button down = button("rateDown", "÷√2", () -> scale(1 / RATE_FACTOR));
        down.setTooltip(new Tooltip("− : the selected run's learning rate ÷√2"));
        Button up = button("rateUp", "×√2", () -> scale(RATE_FACTOR));
        up.setTooltip(new Tooltip("+ : the selected run's learning rate ×√2"));
        CheckBox lockstep = new CheckBox("lockstep");
        lockstep.setTooltip(new Tooltip("All runs advance together"));
        lockstep.setId("presenterLockstep");
        lockstep.setFocusTraversable(false);
        lockstep.selectedProperty().bindBidirectional(model.lockstepProperty());
        Button exit = button("exitPresenter", "✕", () -> model.presenterProperty().set(false));
        exit.setTooltip(new Tooltip("Back to the full lab"));
        bar = new ToolBar(playPause, reset, run, rate, down, up, lockstep, exit);
        bar.setId("presenterBar");
        bar.getStyleClass().add("presenter-bar");
    }

    ToolBar bar() {
        return bar;
    }

    /** The run + and − act on. */
    StringProperty selectedRunProperty() {
        return selected;
    }

    /** Takes the keys of presenter mode in {@code scene}, before any control does. */
    void listen(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (model.presenterProperty().get() && handle(event.getCode())) {
                event.consume();
            }
        });
    }

    private boolean handle(KeyCode key) {
        switch (key) {
            case SPACE -> model.togglePlaying();
            case RIGHT -> player.next();
            case LEFT -> player.back();
            case R -> model.reset();
            case PLUS, ADD, EQUALS -> scale(RATE_FACTOR);
            case MINUS, SUBTRACT -> scale(1 / RATE_FACTOR);
            default -> {
                if (!key.isDigitKey() || key.getChar().equals("0")) {
                    return false;
                }
                List<RunRow> runs = model.runs();
                int index = Integer.parseInt(key.getChar()) - 1;
                if (index < runs.size()) {
                    selected.set(runs.get(index).name());
                }
            }
        }
        return true;
    }

    private void scale(double factor) {
        model.scaleLearningRate(selected.get(), factor);
    }

    private String learningRate() {
        return model.runs().stream().filter(row -> row.name().equals(selected.get())).findFirst()
                .map(row -> row.run().hyperparameters().get(LabViewModel.LEARNING_RATE))
                .map(value -> String.format(Locale.ROOT, "%.4g", value)).orElse("–");
    }

    /** The selected run stays selected while it is in the race; else the first run is. */
    private void keepSelection(ChoiceBox<String> run) {
        List<String> names = model.runs().stream().map(RunRow::name).toList();
        run.getItems().setAll(names);
        if (!names.contains(selected.get())) {
            selected.set(names.isEmpty() ? "" : names.get(0));
        }
        run.setValue(selected.get());
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setFocusTraversable(false);
        button.setOnAction(event -> action.run());
        return button;
    }
}
