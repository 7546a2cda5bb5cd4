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
 * @param boundId     the error bound of each value of {@code seriesId}, or null: a value whose interval
 *                    [value, value + bound] holds its threshold is drawn as undecided, an error bar across the line
 * @param logScale    whether the value axis starts logarithmic
 * @param sparse      measured only every few hundred steps: each value is also drawn as a dot, so that one
 *                    measurement (a line needs two) already shows
 */
public record ChartSpec(String title, String yLabel, String seriesId, String thresholdId, String boundId,
                        boolean logScale, boolean sparse) {

    /** The lab's charts, in grid order; per-layer diagnostics show the first hidden layer. */
    public static List<ChartSpec> diagnostics() {
        return List.of(
                // The probe-set loss, not the minibatch loss: thinned to a chart's width, minibatch noise fills a band.
                new ChartSpec("Probe-set loss", "loss", SeriesIds.PROBE_LOSS, null, null, true, false),
                new ChartSpec("Probe-set accuracy", "accuracy", SeriesIds.PROBE_ACCURACY, null, null, false,
                        false),
                new ChartSpec("Weight norm, layer 0", "Σ‖w_k‖²", layer0(SeriesIds.WEIGHT_NORM_SQUARED), null, null,
                        true, false),
                new ChartSpec("Effective LR, layer 0", "η / mean‖w_k‖²",
                        layer0(SeriesIds.EFFECTIVE_LEARNING_RATE), null, null, true, false),
                new ChartSpec("Orthogonal noise, layer 0", "mean ‖(I−UUᵀ)w_k‖ / ‖w_k‖",
                        layer0(SeriesIds.ORTHOGONAL_RATIO), null, null, false, false),
                // Each run's own threshold, dashed; its formula names the run's dashed line (tooltip, export legend).
                new ChartSpec("Sharpness", "λ_max(∇²L), dashed: each run's threshold", SeriesIds.SHARPNESS,
                        SeriesIds.SHARPNESS_THRESHOLD, SeriesIds.SHARPNESS_BOUND, true, true),
                // Above the dashed c/η the step is larger than the η* = c/λ_max(F) the Fisher allows.
                new ChartSpec("Fisher top eigenvalue", "λ_max(F), dashed: each run's threshold", SeriesIds.FISHER,
                        SeriesIds.SHARPNESS_THRESHOLD, SeriesIds.FISHER_BOUND, true, true),
                // Adam, PSI-SGD and INSGD precondition the step: their raw sharpness does not govern stability.
                new ChartSpec("Preconditioned sharpness", "λ_max(P^-½ H P^-½), dashed: each run's threshold",
                        SeriesIds.PRECONDITIONED_SHARPNESS, SeriesIds.PRECONDITIONED_SHARPNESS_THRESHOLD,
                        SeriesIds.PRECONDITIONED_SHARPNESS_BOUND, true, true));
    }

    private static String layer0(String base) {
        return SeriesIds.perLayer(base, 0);
    }
}
