package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each format as a reader sees it: parsed back with an independent reader, not compared with stored output. */
class FigureFilesTest {
    /** PDF page sizes are floats. */
    private static final double POINT_TOLERANCE = 1e-3;
    private static final String SVG_NAMESPACE = SvgFile.NAMESPACE;

    @TempDir
    Path temp;

    private final Figure figure = SyntheticFigures.twoPanels(SyntheticFigures.doubleColumn());

    private Path write(Figure f, Format format, int dpi) {
        Path file = temp.resolve(f.name() + "." + format.extension());
        FigureFiles.write(f, file, format, dpi);
        return file;
    }

    @Test
    void svgParsesAndCarriesTheLegendAndOnePathPerCurve() throws Exception {
        Path file = write(figure, Format.SVG, FigureFiles.DEFAULT_DPI);
        Document svg = SvgFile.parse(file);

        assertEquals(SVG_NAMESPACE, svg.getDocumentElement().getNamespaceURI());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("6.7500in", svg.getDocumentElement().getAttribute("width"));
        Set<String> texts = new HashSet<>();
        NodeList textNodes = svg.getElementsByTagNameNS(SVG_NAMESPACE, "text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        for (Panel panel : figure.panels()) {
            panel.curves().forEach(c -> assertTrue(texts.contains(c.label()), "legend text " + c.label()));
        }
        assertTrue(texts.contains("2/η"), "guide legend text");
        assertTrue(texts.contains("max"), "subscript of λ_max drawn as its own text");

        List<Element> paths = SvgFile.elements(svg, "path");
        for (Panel panel : figure.panels()) {
            for (Curve curve : panel.curves()) {
                String stroke = String.format("rgb(%d,%d,%d)", curve.color().getRed(),
                        curve.color().getGreen(), curve.color().getBlue());
                long matching = paths.stream().filter(p -> stroke.equals(SvgFile.stroke(p))).count();
                assertEquals(1, matching, "paths stroked in the color of " + curve.label());
            }
        }
    }

    /** The SVG holds exactly the texts the layout placed (each span its own text): what the layout test checks. */
    @Test
    void theSvgDrawsExactlyTheLayoutsTexts() throws Exception {
        Document svg = SvgFile.parse(write(figure, Format.SVG, FigureFiles.DEFAULT_DPI));
        List<String> drawn = new java.util.ArrayList<>();
        NodeList textNodes = svg.getElementsByTagNameNS(SVG_NAMESPACE, "text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            drawn.add(textNodes.item(i).getTextContent());
        }
        List<String> placed = FigureLayout.of(figure).placed().stream()
                .flatMap(p -> p.label().spans().stream().map(Label.Span::text)).toList();
        assertEquals(placed.stream().sorted().toList(), drawn.stream().sorted().toList());
    }

    @Test
    void aNanGapSplitsTheCurvesPathWithoutLosingPoints() throws Exception {
        Path file = write(figure, Format.SVG, FigureFiles.DEFAULT_DPI);
        Document svg = SvgFile.parse(file);
        Color adam = figure.panels().get(0).curves().get(1).color();
        String stroke = String.format("rgb(%d,%d,%d)", adam.getRed(), adam.getGreen(), adam.getBlue());
        String d = SvgFile.elements(svg, "path").stream().filter(p -> stroke.equals(SvgFile.stroke(p)))
                .findFirst().orElseThrow().getAttribute("d");
        int gapLength = 20;
        assertEquals(2, count(d, "M"), "one move at the start, one after the gap");
        assertEquals(SyntheticFigures.POINTS - gapLength - 2, count(d, "L"), "every finite point is drawn");
    }

    @Test
    void pdfHasOnePageOfTheFiguresSizeInPoints() throws IOException {
        Figure single = new Figure("single", figure.panels().subList(0, 1), 1,
                Style.of(Style.Width.SINGLE_COLUMN, 2.2));
        Path file = write(single, Format.PDF, FigureFiles.DEFAULT_DPI);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertEquals(1, pdf.getNumberOfPages());
            PDRectangle page = pdf.getPage(0).getMediaBox();
            assertEquals(3.25 * 72, page.getWidth(), POINT_TOLERANCE);
            assertEquals(2.2 * 72, page.getHeight(), POINT_TOLERANCE);
        }
    }

    @ParameterizedTest(name = "{0} dpi")
    @org.junit.jupiter.params.provider.ValueSource(ints = {72, 150, 300})
    void pngHasInchesTimesDpiPixels(int dpi) throws IOException {
        Path file = write(figure, Format.PNG, dpi);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(Math.round(6.75 * dpi), image.getWidth());
        assertEquals(Math.round(2.4 * dpi), image.getHeight());
        assertEquals(Color.WHITE.getRGB(), image.getRGB(0, 0), "print theme: white paper");
    }

    @Test
    void csvReadsBackToTheSameDoublesBitForBit() throws IOException {
        double[] awkward = {0.1, 1.0 / 3, 1e23, 2e-3, Double.MIN_VALUE, -Double.MAX_VALUE, Math.PI * 1e-300,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 123456789.0};
        double[] index = new double[awkward.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        Panel extra = new Panel(Label.of("awkward"), Axis.linear("i"), Axis.linear("v"), List.of(
                new Curve("values", Color.BLACK, LineStyle.SOLID, index, awkward)), List.of(), false);
        List<Panel> panels = new ArrayList<>(figure.panels());
        panels.add(extra);
        Figure withExtra = new Figure("awkward", panels, 2, figure.style());
        List<String> lines = Files.readAllLines(write(withExtra, Format.CSV, FigureFiles.DEFAULT_DPI));
        List<String> header = List.of(lines.get(0).split(","));
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();

        List<List<String>> stems = FigureCsv.stems(withExtra);
        assertEquals(SyntheticFigures.POINTS, rows.size(), "one row per point of the longest curve");
        for (int p = 0; p < panels.size(); p++) {
            for (int c = 0; c < panels.get(p).curves().size(); c++) {
                Curve curve = panels.get(p).curves().get(c);
                int x = header.indexOf(stems.get(p).get(c) + "_x");
                int y = header.indexOf(stems.get(p).get(c) + "_y");
                for (int i = 0; i < rows.size(); i++) {
                    double expectedX = i < curve.size() ? curve.x(i) : Double.NaN;
                    double expectedY = i < curve.size() ? curve.y(i) : Double.NaN;
                    assertEquals(Double.doubleToLongBits(expectedX), Double.doubleToLongBits(parse(rows.get(i)[x])));
                    assertEquals(Double.doubleToLongBits(expectedY), Double.doubleToLongBits(parse(rows.get(i)[y])));
                }
            }
        }
    }

    /**
     * Error bars are three columns of the CSV ({@code _x}, {@code _low}, {@code _high}, read back bit for bit), and the
     * pgfplots file draws them from those columns with a bar in the legend.
     */
    @Test
    void errorBarsAreColumnsOfTheCsvAndTheTexDrawsThemFromThere() throws IOException {
        double[] x = {0, 100, 200};
        double[] y = {-19.014506169958892, 27.67686389967607, 0.1};
        Panel panel = new Panel(Label.of("tr(H)"), Axis.linear("step"), Axis.linear("tr(H)"),
                List.of(new Curve("sgd", Color.BLUE, LineStyle.SOLID, x, y)), List.of(), true)
                .withBars(List.of(ErrorBars.around("± 1 standard error", Color.BLUE, x, y,
                        new double[] {3.9828861693328, Double.NaN, 1.0 / 3})));
        Figure withBars = new Figure("bars", List.of(panel), 1, Style.of(Style.Width.SINGLE_COLUMN, 2.2));
        List<String> lines = Files.readAllLines(write(withBars, Format.CSV, FigureFiles.DEFAULT_DPI));
        List<String> header = List.of(lines.get(0).split(","));
        String stem = FigureCsv.stems(withBars).get(0).get(1);
        assertEquals(List.of("tr-h_sgd_x", "tr-h_sgd_y", stem + "_x", stem + "_low", stem + "_high"), header);
        ErrorBars bars = panel.bars().get(0);
        for (int i = 0; i < x.length; i++) {
            String[] row = lines.get(i + 1).split(",", -1);
            assertEquals(Double.doubleToLongBits(bars.x(i)), Double.doubleToLongBits(parse(row[2])));
            assertEquals(Double.doubleToLongBits(bars.low(i)), Double.doubleToLongBits(parse(row[3])));
            assertEquals(Double.doubleToLongBits(bars.high(i)), Double.doubleToLongBits(parse(row[4])));
        }
        String tex = Files.readString(write(withBars, Format.TEX, FigureFiles.DEFAULT_DPI));
        assertTrue(tex.contains("error bars/.cd, y dir=plus, y explicit"), tex);
        assertTrue(tex.contains("table [x=" + stem + "_x, y=" + stem + "_low, y error expr=\\thisrow{" + stem
                + "_high}-\\thisrow{" + stem + "_low}] {bars.csv}"), tex);
        assertTrue(tex.contains("mark=|"), "a bar in the legend");
        assertTrue(tex.contains("\\addlegendentry{$\\pm$ 1 standard error}"), tex);
    }

    @Test
    void csvNumbersAreTheShortestThatReadBack() {
        assertEquals("0.002", FigureCsv.number(2e-3));
        assertEquals("1.0e23", FigureCsv.number(1e23), "Java 17's Double.toString gives 9.999999999999999E22");
        assertEquals("0.1", FigureCsv.number(0.1));
    }

    @Test
    void texReferencesOnlyColumnsOfItsCsv() throws IOException {
        Path csv = write(figure, Format.CSV, FigureFiles.DEFAULT_DPI);
        String tex = Files.readString(write(figure, Format.TEX, FigureFiles.DEFAULT_DPI));
        Set<String> columns = Set.of(Files.readAllLines(csv).get(0).split(","));

        Matcher plot = Pattern.compile("table \\[x=([^,\\]]+), y=([^,\\]]+)\\] \\{([^}]+)}").matcher(tex);
        int plots = 0;
        while (plot.find()) {
            assertTrue(columns.contains(plot.group(1)), plot.group(1));
            assertTrue(columns.contains(plot.group(2)), plot.group(2));
            assertEquals(csv.getFileName().toString(), plot.group(3));
            plots++;
        }
        assertEquals(3, plots, "one \\addplot per curve");
        assertTrue(tex.contains("ymode=log"));
        assertTrue(tex.contains("ylabel={$\\lambda_{\\mathrm{max}}(H)$}"), "symbols in math mode");
        assertTrue(tex.contains("\\addlegendentry{$2/\\eta$}"), "guide line in the legend");
        assertTrue(tex.contains("{axis cs:1,20.0}"), "guide line at 2/η = 20");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aFileInTheWayGivesOneMessageNamingThePathAndLeavesNothing(Format format) throws IOException {
        Path blocker = Files.writeString(temp.resolve("not-a-folder"), "x");
        Path target = blocker.resolve("figure." + format.extension());

        ExportException e = assertThrows(ExportException.class,
                () -> FigureFiles.write(figure, target, format, FigureFiles.DEFAULT_DPI));
        assertTrue(e.getMessage().startsWith("cannot write " + target.toAbsolutePath()), e.getMessage());
        assertEquals(List.of(blocker), list(temp));
    }

    @Test
    void aFolderNamedLikeTheFileIsRefusedAndKept() throws IOException {
        Path folder = Files.createDirectory(temp.resolve("synthetic.svg"));
        ExportException e = assertThrows(ExportException.class,
                () -> FigureFiles.write(figure, temp, List.of(Format.SVG), FigureFiles.DEFAULT_DPI));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of(folder), list(temp));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoPartialFile() throws IOException {
        Path old = Files.writeString(temp.resolve("synthetic.png"), "old");
        assertThrows(IllegalArgumentException.class,
                () -> FigureFiles.write(figure, old, Format.PNG, 0));
        assertEquals("old", Files.readString(old));
        assertEquals(List.of(old), list(temp));
    }

    @Test
    void writesEveryFormatIntoANewFolderUnderItsName() {
        Path folder = temp.resolve("a/b");
        List<Path> files = FigureFiles.write(figure, folder, List.of(Format.values()), 100);
        assertEquals(Format.values().length, files.size());
        for (Path file : files) {
            assertTrue(Files.isRegularFile(file), file.toString());
            assertTrue(file.getFileName().toString().startsWith("synthetic."), file.toString());
        }
    }

    @Test
    void logAxesWithNonPositiveValuesAndEmptyCurvesRenderInEveryFormat() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {-1, 0, 1e-8, Double.NaN, 1e4};
        Panel log = new Panel(Label.of("log–log ‖w‖²"), Axis.log("η"), Axis.log("‖w‖²"), List.of(
                new Curve("mixed", Color.BLUE, LineStyle.DOTTED, x, y),
                new Curve("empty", Color.RED, LineStyle.SOLID, new double[0], new double[0]),
                new Curve("all NaN", Color.GREEN, LineStyle.SOLID, new double[] {Double.NaN},
                        new double[] {Double.NaN})),
                List.of(new Guide(Label.of("x = 2"), Guide.Orientation.VERTICAL, 2, Color.GRAY, LineStyle.DASHED)),
                true);
        Panel narrow = new Panel(Label.of(""), Axis.log("step"), Axis.linear("flat"), List.of(
                new Curve("constant", Color.BLACK, LineStyle.SOLID, new double[] {3, 4, 5}, new double[] {7, 7, 7})),
                List.of(), true);
        Figure edgeCases = new Figure("edge-cases", List.of(log, narrow), 1, Style.of(Style.Width.SINGLE_COLUMN, 4));
        List<Path> files = FigureFiles.write(edgeCases, temp, List.of(Format.values()), 72);
        files.forEach(f -> assertTrue(Files.isRegularFile(f), f.toString()));
    }

    private static double parse(String cell) {
        return switch (cell) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }

    private static int count(String text, String token) {
        return text.split(token, -1).length - 1;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }
}
