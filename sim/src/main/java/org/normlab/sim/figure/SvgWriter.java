package org.normlab.sim.figure;

import java.awt.Dimension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SVG through Batik's {@link SVGGraphics2D}: text stays text (searchable, editable), and the page is the figure's
 * size in inches with a view box in points. Written without a DOCTYPE, so no reader goes looking for a DTD online.
 */
final class SvgWriter {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private SvgWriter() {
    }

    static void write(Figure figure, OutputStream out) throws IOException {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(SVG_NAMESPACE, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML DOM implementation", e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment("NormLab figure " + figure.name());
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        Style style = figure.style();
        g.setSVGCanvasSize(new Dimension((int) Math.ceil(style.widthPoints()), (int) Math.ceil(style.heightPoints())));
        FigureRenderer.draw(figure, g);
        Element root = g.getRoot();
        root.setAttribute("width", inches(style.widthInches()));
        root.setAttribute("height", inches(style.heightInches()));
        root.setAttribute("viewBox", String.format(Locale.ROOT, "0 0 %.4f %.4f", style.widthPoints(),
                style.heightPoints()));
        g.dispose();
        try {
            Transformer serializer = TransformerFactory.newInstance().newTransformer();
            serializer.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            serializer.transform(new DOMSource(root), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot serialize the SVG document", e);
        }
    }

    private static String inches(double value) {
        return String.format(Locale.ROOT, "%.4fin", value);
    }
}
