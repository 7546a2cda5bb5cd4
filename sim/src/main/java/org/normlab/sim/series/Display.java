package org.normlab.sim.series;

/**
 * How a series is shown: the short symbol figures title its panel with (null: the figure shows the id), the lab's
 * chart title and value-axis label, and whether that axis starts logarithmic.
 */
public record Display(String symbol, String title, String axisLabel, boolean logScale) {
    public Display {
        if (title == null || title.isBlank() || axisLabel == null || axisLabel.isBlank()) {
            throw new IllegalArgumentException("a series needs a title and an axis label, was '" + title + "', '"
                    + axisLabel + "'");
        }
    }
}
