package org.normlab.sim.figure;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** An SVG file as a reader sees it: parsed by the JDK's own XML reader, elements by name, the stroke each inherits. */
public final class SvgFile {
    public static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private SvgFile() {
    }

    /** Parsed with namespaces and without network access: any external DTD reference would fail. */
    public static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(svg.toFile());
    }

    public static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS(NAMESPACE, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The stroke in effect on an element: its own style's, else the nearest enclosing group's (CSS inheritance). */
    public static String stroke(Element element) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            for (String declaration : e.getAttribute("style").split(";")) {
                String[] property = declaration.split(":", 2);
                if (property.length == 2 && property[0].strip().equals("stroke")) {
                    return property[1].strip();
                }
            }
            if (e.hasAttribute("stroke")) {
                return e.getAttribute("stroke");
            }
        }
        return "none";
    }

    /** The stroke a color is written as, {@code rgb(r,g,b)}. */
    public static String stroke(Color color) {
        return String.format("rgb(%d,%d,%d)", color.getRed(), color.getGreen(), color.getBlue());
    }
}
