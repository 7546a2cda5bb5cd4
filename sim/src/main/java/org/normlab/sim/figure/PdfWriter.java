package org.normlab.sim.figure;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * PDF through pdfbox-graphics2d: one page exactly the figure's size in points, the drawing as vector paths. Text is
 * drawn as glyph outlines, so the file needs no fonts and looks the same in every viewer.
 */
final class PdfWriter {
    private PdfWriter() {
    }

    static void write(Figure figure, OutputStream out) throws IOException {
        Style style = figure.style();
        float width = (float) style.widthPoints();
        float height = (float) style.heightPoints();
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            document.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, width, height);
            FigureRenderer.draw(figure, g);
            g.dispose();
            PDFormXObject drawing = g.getXFormObject();
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(drawing);
            }
            document.getDocumentInformation().setTitle(figure.name());
            document.getDocumentInformation().setCreator("NormLab");
            document.save(out);
        }
    }
}
