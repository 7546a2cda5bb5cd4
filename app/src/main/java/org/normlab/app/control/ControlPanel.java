package org.normlab.app.control;

import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;
import org.normlab.app.model.Ids;
import org.normlab.app.model.LabViewModel;
import org.normlab.app.model.Preset;
import org.normlab.app.model.RunRow;
import org.normlab.app.model.SetupForm;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.model.Activation;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.run.OptimizerSetup;

/**
 * The lab's controls: the presets gallery, the race setup (data, network, batches, probe cadence), and the runs with
 * their live hyperparameters. Every field reports a refused value right below it.
 */
public final class ControlPanel extends VBox {
    private static final double FIELD_WIDTH = 90;

    private final LabViewModel model;
    private final VBox runEditors = new VBox();

    public ControlPanel(LabViewModel model) {
        this.model = model;
        getStyleClass().add("control-panel");
        getChildren().addAll(section("Presets", presets()), section("Race", setup()), section("Runs", runs()));
    }

    /** The gallery: one button per preset, which loads it at once; the running race's text below. */
    private Node presets() {
        FlowPane gallery = new FlowPane();
        gallery.getStyleClass().add("gallery");
        for (Preset preset : model.presets()) {
            Button load = button(preset.name(), "preset-" + Ids.of(preset.name()), () -> model.loadPreset(preset));
            load.setTooltip(new Tooltip(preset.description()));
            load.getStyleClass().add("preset");
            gallery.getChildren().add(load);
        }
        if (model.presets().isEmpty()) {
            gallery.getChildren().add(new Label("no presets found"));
        }
        Label text = new Label();
        text.setId("description");
        text.setWrapText(true);
        text.textProperty().bind(model.descriptionProperty());
        return new VBox(gallery, text);
    }

    private Node setup() {
        SetupForm form = model.form();
        ComboBox<DataKind> data = new ComboBox<>(FXCollections.observableArrayList(DataKind.values()));
        data.setId("data");
        data.valueProperty().bindBidirectional(form.dataProperty());
        ComboBox<Activation> activation = new ComboBox<>(FXCollections.observableArrayList(Activation.values()));
        activation.setId("activation");
        activation.valueProperty().bindBidirectional(form.activationProperty());
        ComboBox<Normalization> normalization =
                new ComboBox<>(FXCollections.observableArrayList(Normalization.values()));
        normalization.setId("normalization");
        normalization.valueProperty().bindBidirectional(form.normalizationProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        row(grid, 0, "data", data);
        row(grid, 1, "size", field("dataSize", form.sizeProperty()));
        row(grid, 2, "noise", field("noise", form.noiseProperty()));
        row(grid, 3, "hidden widths", field("widths", form.widthsProperty()));
        row(grid, 4, "activation", activation);
        row(grid, 5, "normalization", normalization);
        row(grid, 6, "steps", field("steps", form.stepsProperty()));
        row(grid, 7, "batch size", field("batchSize", form.batchSizeProperty()));
        row(grid, 8, "evaluate every", field("evaluateEvery", form.evaluateEveryProperty()));
        TextField schedule = field("schedule", form.scheduleProperty());
        schedule.setPromptText("none");
        schedule.setTooltip(new Tooltip("learning-rate schedule of every run, a factor on its η: constant, "
                + "step EVERY GAMMA, cosine STEPS [FLOOR], exponential RATE, warmup STEPS [then …]"));
        row(grid, 9, "η schedule", schedule);
        CheckBox layerCurvature = new CheckBox();
        layerCurvature.setId("layerCurvature");
        layerCurvature.selectedProperty().bindBidirectional(form.layerCurvatureProperty());
        layerCurvature.setTooltip(new Tooltip("every run also measures each layer's λ_max and trace and the "
                + "Hessian's trace ± SE at the curvature cadence (about 1.7 sharpness estimates each time)"));
        row(grid, 10, "per-layer curvature", layerCurvature);
        return new VBox(grid, button("Restart with these settings", "applySetup", model::applySetup),
                message("setupMessage", model.setupMessageProperty()));
    }

    private Node runs() {
        model.runs().addListener((ListChangeListener<RunRow>) change -> rebuildRuns());
        rebuildRuns();
        TextField name = field("newRunName", model.newRunNameProperty());
        name.setPromptText("name");
        ComboBox<OptimizerSetup.Recipe> optimizer =
                new ComboBox<>(FXCollections.observableArrayList(OptimizerSetup.Recipe.values()));
        optimizer.setId("newRunOptimizer");
        optimizer.setConverter(new StringConverter<>() {
            @Override
            public String toString(OptimizerSetup.Recipe recipe) {
                return recipe == null ? "" : recipe.word();
            }

            @Override
            public OptimizerSetup.Recipe fromString(String word) {
                return OptimizerSetup.Recipe.valueOf(word.toUpperCase(Locale.ROOT));
            }
        });
        optimizer.valueProperty().bindBidirectional(model.newRunOptimizerProperty());
        TextField learningRate = field("newRunLearningRate", model.newRunLearningRateProperty());
        learningRate.setPromptText("η");
        VBox add = new VBox(new Label("add a run"), new HBox(name, optimizer), new HBox(new Label("η "),
                learningRate, button("Add", "addRun", model::addRun)),
                message("addRunMessage", model.addRunMessageProperty()));
        add.getStyleClass().add("add-run");
        return new VBox(runEditors, add);
    }

    private void rebuildRuns() {
        runEditors.getChildren().setAll(model.runs().stream().map(this::runEditor).toList());
    }

    private Node runEditor(RunRow row) {
        String id = Ids.of(row.name());
        Line swatch = new Line(0, 0, 16, 0);
        swatch.setStyle("-fx-stroke: " + row.color() + "; -fx-stroke-width: 4;");
        Label name = new Label(row.label(), swatch);
        name.getStyleClass().add("run-name");
        Label summary = new Label();
        summary.setId("summary-" + id);
        summary.textProperty().bind(row.summaryProperty());
        Button remove = button("✕", "remove-" + id, () -> model.removeRun(row));
        GridPane settings = new GridPane();
        settings.getStyleClass().add("form");
        for (int i = 0; i < row.settings().size(); i++) {
            RunRow.Setting setting = row.settings().get(i);
            TextField value = field("hp-" + id + "-" + setting.name(), setting.textProperty());
            value.setOnAction(event -> model.setHyperparameter(row, setting.name(), value.getText()));
            row(settings, i, setting.name(), value);
        }
        Label training = new Label(row.training());
        training.setId("training-" + id);
        training.setWrapText(true);
        training.setManaged(!row.training().isEmpty());
        training.setVisible(training.isManaged());
        VBox editor = new VBox(new HBox(name, remove), summary, training, settings, message("message-" + id,
                row.messageProperty()));
        editor.getStyleClass().add("run-editor");
        return editor;
    }

    private static TitledPane section(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        return pane;
    }

    private static void row(GridPane grid, int row, String label, Node control) {
        grid.add(new Label(label), 0, row);
        grid.add(control, 1, row);
    }

    private static TextField field(String id, StringProperty text) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefWidth(FIELD_WIDTH);
        field.textProperty().bindBidirectional(text);
        return field;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static Label message(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("message");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
        return label;
    }
}
