package org.normlab.sim.figure;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * PNG at a resolution in dots per inch: {@code round(inches × dpi)} pixels a side, with the resolution recorded in
 * the file (pHYs), so word processors and LaTeX place it at the figure's size.
 */
final class PngWriter {
    private static final double MILLIMETERS_PER_INCH = 25.4;
    private static final String METADATA_FORMAT = "javax_imageio_1.0";

    private PngWriter() {
    }

    /** Pixels for a length in inches at {@code dpi}. */
    static int pixels(double inches, int dpi) {
        return (int) Math.round(inches * dpi);
    }

    static void write(Figure figure, int dpi, OutputStream out) throws IOException {
        if (dpi < FigureFiles.MIN_DPI || dpi > FigureFiles.MAX_DPI) {
            throw new IllegalArgumentException("dpi must be in [" + FigureFiles.MIN_DPI + ", " + FigureFiles.MAX_DPI
                    + "], was " + dpi);
        }
        Style style = figure.style();
        int width = pixels(style.widthInches(), dpi);
        int height = pixels(style.heightInches(), dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.scale(width / style.widthPoints(), height / style.heightPoints());
        FigureRenderer.draw(figure, g);
        g.dispose();

        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), null);
            metadata.mergeTree(METADATA_FORMAT, resolution(dpi));
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode resolution(int dpi) {
        String millimetersPerPixel = Double.toString(MILLIMETERS_PER_INCH / dpi);
        IIOMetadataNode horizontal = new IIOMetadataNode("HorizontalPixelSize");
        horizontal.setAttribute("value", millimetersPerPixel);
        IIOMetadataNode vertical = new IIOMetadataNode("VerticalPixelSize");
        vertical.setAttribute("value", millimetersPerPixel);
        IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
        dimension.appendChild(horizontal);
        dimension.appendChild(vertical);
        IIOMetadataNode root = new IIOMetadataNode(METADATA_FORMAT);
        root.appendChild(dimension);
        return root;
    }
}
