package org.normlab.app.export;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.normlab.sim.figure.FigureFiles;
import org.normlab.sim.figure.Format;
import org.normlab.sim.figure.Style;

/**
 * What an export writes and where, validated in the constructor with messages that name the field. A pgfplots file
 * typesets its figure from the CSV beside it, so asking for TeX brings the CSV along.
 *
 * @param formats  which files (at least one)
 * @param width    single column (3.25 in) or double column (6.75 in)
 * @param dpi      pixels per inch of the PNG, in [{@value FigureFiles#MIN_DPI}, {@value FigureFiles#MAX_DPI}]
 * @param font     font family, e.g. SansSerif or Serif
 * @param fontSize points, in [{@value Style#MIN_FONT_SIZE}, {@value Style#MAX_FONT_SIZE}]
 * @param folder   an existing folder
 */
public record ExportSettings(Set<Format> formats, Style.Width width, int dpi, String font, double fontSize,
                             Path folder) {

    public ExportSettings {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats: choose at least one of " + Format.names());
        }
        formats = EnumSet.copyOf(formats);
        if (formats.contains(Format.TEX)) {
            formats.add(Format.CSV);
        }
        if (dpi < FigureFiles.MIN_DPI || dpi > FigureFiles.MAX_DPI) {
            throw new IllegalArgumentException("DPI must be in [" + FigureFiles.MIN_DPI + ", " + FigureFiles.MAX_DPI
                    + "], was " + dpi);
        }
        if (font == null || font.isBlank()) {
            throw new IllegalArgumentException("font: name a font family, e.g. SansSerif");
        }
        if (!(fontSize >= Style.MIN_FONT_SIZE && fontSize <= Style.MAX_FONT_SIZE)) {
            throw new IllegalArgumentException("font size must be in [" + Style.MIN_FONT_SIZE + ", "
                    + Style.MAX_FONT_SIZE + "] points, was " + fontSize);
        }
        if (folder == null || !folder.toFile().isDirectory()) {
            throw new IllegalArgumentException("folder: " + folder + " is not an existing folder");
        }
    }

    /** Vector and raster for a paper, single column, 300 dpi, 8 pt sans-serif, into {@code folder}. */
    public static ExportSettings defaults(Path folder) {
        return new ExportSettings(EnumSet.of(Format.SVG, Format.PDF, Format.PNG, Format.CSV), Style.Width.SINGLE_COLUMN,
                FigureFiles.DEFAULT_DPI, "SansSerif", 8, folder);
    }
}
