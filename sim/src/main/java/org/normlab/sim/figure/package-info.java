/**
 * Figures for papers: a small model ({@link org.normlab.sim.figure.Figure} of
 * {@link org.normlab.sim.figure.Panel}s of {@link org.normlab.sim.figure.Curve}s), one layout pass
 * ({@link org.normlab.sim.figure.FigureLayout}: ticks that fit, a shared legend off the plots, no text overlapping or
 * clipped), one renderer that draws it through {@code java.awt.Graphics2D}, and writers for SVG (Batik), PDF
 * (pdfbox-graphics2d), PNG, the data as CSV and a pgfplots {@code .tex} that typesets the same figure from that CSV.
 * Curves are drawn and written at full resolution, never thinned. {@link org.normlab.sim.figure.BooktabsTable} writes
 * LaTeX tables. It knows nothing of runs: {@code report.RunFigures} builds a finished run's figures.
 */
package org.normlab.sim.figure;
