package org.normlab.app;

import java.util.List;
import org.normlab.app.session.SeriesIds;

/**
 * One diagnostic chart of the grid: which series it draws for every run, and the dashed threshold beside it.
 *
 * @param title       shown above the chart
 * @param yLabel      the value axis
 * @param seriesId    the series drawn solid, one line per run
 * @param thresholdId the series drawn dashed in the run's color, or null
 * @param logScale    whether the value axis starts logarithmic
 * @param sparse      measured only every few hundred steps: each value is also drawn as a dot, so that one
 *                    measurement (a line needs two) already shows
 */
public record ChartSpec(String title, String yLabel, String seriesId, String thresholdId, boolean logScale,
                        boolean sparse) {

    /** The lab's charts, in grid order; per-layer diagnostics show the first hidden layer. */
    public static List<ChartSpec> diagnostics() {
        return List.of(
                // The probe-set loss, not the minibatch loss: thinned to a chart's width, minibatch noise fills a band.
                new ChartSpec("Probe-set loss", "loss", SeriesIds.PROBE_LOSS, null, true, false),
                new ChartSpec("Probe-set accuracy", "accuracy", SeriesIds.PROBE_ACCURACY, null, false, false),
                new ChartSpec("Weight norm, layer 0", "Σ‖w_k‖²", layer0(SeriesIds.WEIGHT_NORM_SQUARED), null, true,
                        false),
                new ChartSpec("Effective LR, layer 0", "η / mean‖w_k‖²",
                        layer0(SeriesIds.EFFECTIVE_LEARNING_RATE), null, true, false),
                new ChartSpec("Orthogonal noise, layer 0", "mean ‖(I−UUᵀ)w_k‖ / ‖w_k‖",
                        layer0(SeriesIds.ORTHOGONAL_RATIO), null, false, false),
                new ChartSpec("Sharpness", "λ_max(∇²L), dashed 2(1+μ)/η", SeriesIds.SHARPNESS,
                        SeriesIds.SHARPNESS_THRESHOLD, true, true),
                // Above the dashed 2(1+μ)/η the step is larger than the η* = 2(1+μ)/λ_max(F) the Fisher allows.
                new ChartSpec("Fisher top eigenvalue", "λ_max(F), dashed 2(1+μ)/η", SeriesIds.FISHER,
                        SeriesIds.SHARPNESS_THRESHOLD, true, true));
    }

    private static String layer0(String base) {
        return SeriesIds.perLayer(base, 0);
    }
}
