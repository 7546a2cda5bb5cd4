package org.normlab.app.export;

import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.Style;

/**
 * Asks what to export and where. OK stays disabled while a field is invalid, and the message says which and what
 * is allowed; the dialog returns valid {@link ExportSettings} or nothing.
 */
public final class ExportDialog extends Dialog<ExportSettings> {
    private final Map<Format, CheckBox> formats = new EnumMap<>(Format.class);
    private final ChoiceBox<Style.Width> width = new ChoiceBox<>();
    private final TextField dpi = new TextField();
    private final TextField font = new TextField();
    private final TextField fontSize = new TextField();
    private final TextField folder = new TextField();
    private final Label message = new Label();

    public ExportDialog(Window owner, String what, ExportSettings initial) {
        initOwner(owner);
        setTitle("Export " + what);
        HBox formatBoxes = new HBox(8);
        for (Format format : Format.values()) {
            CheckBox box = new CheckBox(format.extension().toUpperCase());
            box.setId("export-" + format.extension());
            box.setSelected(initial.formats().contains(format));
            formats.put(format, box);
            formatBoxes.getChildren().add(box);
        }
        width.getItems().setAll(Style.Width.values());
        width.setValue(initial.width());
        dpi.setText(Integer.toString(initial.dpi()));
        font.setText(initial.font());
        fontSize.setText(Double.toString(initial.fontSize()));
        folder.setText(initial.folder().toString());
        folder.setId("export-folder");
        Button choose = new Button("Choose…");
        choose.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                folder.setText(chosen.getPath());
            }
        });
        message.setId("export-message");
        message.getStyleClass().add("message");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("formats"), formatBoxes);
        form.addRow(1, new Label("width"), width);
        form.addRow(2, new Label("PNG dpi"), dpi);
        form.addRow(3, new Label("font"), font);
        form.addRow(4, new Label("font size (pt)"), fontSize);
        form.addRow(5, new Label("folder"), new HBox(6, folder, choose));
        form.add(message, 0, 6, 2, 1);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        formats.values().forEach(box -> box.selectedProperty().addListener((p, o, n) -> validate()));
        for (TextField field : new TextField[] {dpi, font, fontSize, folder}) {
            field.textProperty().addListener((p, o, n) -> validate());
        }
        validate();
        setResultConverter(button -> button == ButtonType.OK ? settings().orElse(null) : null);
    }

    private void validate() {
        try {
            settingsOrThrow();
            message.setText("");
            getDialogPane().lookupButton(ButtonType.OK).setDisable(false);
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            getDialogPane().lookupButton(ButtonType.OK).setDisable(true);
        }
    }

    private Optional<ExportSettings> settings() {
        try {
            return Optional.of(settingsOrThrow());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ExportSettings settingsOrThrow() {
        Set<Format> chosen = EnumSet.noneOf(Format.class);
        formats.forEach((format, box) -> {
            if (box.isSelected()) {
                chosen.add(format);
            }
        });
        return new ExportSettings(chosen, width.getValue(), integer("DPI", dpi.getText()), font.getText().trim(),
                number("font size", fontSize.getText()), Path.of(folder.getText().trim()));
    }

    private static int integer(String name, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + text + "'");
        }
    }
}
