package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normlab.sim.report.RunFigures;
import org.normlab.sim.series.Display;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;

/**
 * One diagnostic chart of the grid: which series it draws for every run, the dashed threshold beside it, the
 * dash-dotted theory ({@link #theoryId}) and the standard error's bars ({@link #spreadId}); ids, titles and axis
 * labels from the engine's catalogue ({@link Quantity}, {@link Estimate}).
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
    /** What an estimate's value axis adds to its label on screen; an exported figure says it in its legend. */
    public static final String THRESHOLD_NOTE = ", dashed: each run's threshold";
    /** What a chart with a {@link #spreadId} adds to its value axis' label; an exported figure's legend says it. */
    public static final String SPREAD_NOTE = ", " + RunFigures.STANDARD_ERROR_KEY;

    /** The lab's charts, in grid order; per-layer diagnostics show the first hidden layer. */
    public static List<ChartSpec> diagnostics() {
        return List.of(
                // The probe-set loss, not the minibatch loss: thinned to a chart's width, minibatch noise fills a band.
                of(Quantity.PROBE_LOSS), of(Quantity.PROBE_ACCURACY),
                layer0(Quantity.WEIGHT_NORM_SQUARED), layer0(Quantity.EFFECTIVE_LEARNING_RATE),
                layer0(Quantity.ORTHOGONAL_RATIO),
                // Each run's own threshold, dashed; its formula names the run's dashed line (tooltip, export legend).
                of(Estimate.SHARPNESS),
                // Above the dashed c/η the step is larger than the η* = c/λ_max(F) the Fisher allows.
                of(Estimate.FISHER),
                // Adam, PSI-SGD and INSGD precondition the step: their raw sharpness does not govern stability.
                of(Estimate.PRECONDITIONED_SHARPNESS),
                // Last, so the charts before keep their places (and ids): spherical motion's angle, its theory dash-dotted.
                layer0(Quantity.ANGULAR_UPDATE_RMS));
    }

    /**
     * The series drawn dash-dotted in each run's color beside {@link #seriesId}: what the theory predicts for it
     * ({@link Quantity#theoryOf}), or null. (The Fisher's η* = c/λ_max(F) needs no line of its own: λ_max(F) above
     * the dashed c/η is η above η*.)
     */
    public String theoryId() {
        return Quantity.theoryOf(seriesId).orElse(null);
    }

    /**
     * The standard error of each value of {@link #seriesId} ({@link Quantity#standardErrorOf}), or null: every value
     * is drawn with an error bar ± it (a Hutchinson estimate).
     */
    public String spreadId() {
        return Quantity.standardErrorOf(seriesId).orElse(null);
    }

    /**
     * Whether an event found in series {@code series} is marked on this chart: one of the whole run (null), or one of
     * its own series; the training loss's spikes on the probe-set loss' chart, the loss the lab draws.
     */
    public boolean marks(String series) {
        return series == null || series.equals(seriesId) || (seriesId.equals(Quantity.PROBE_LOSS.id())
                && series.equals(Quantity.TRAIN_LOSS.id()));
    }

    /**
     * The chart of series {@code id}: the lab's diagnostic chart of it, else one of the catalogue's quantity (per layer
     * too), else a chart of dots titled by the series' symbol (e.g. a tour's {@code fisher.eta_star}).
     */
    public static ChartSpec forSeries(String id) {
        Optional<ChartSpec> curvature = layerCurvature(Set.of(id)).stream().findFirst();
        if (curvature.isPresent()) {
            return curvature.get();
        }
        for (ChartSpec diagnostic : diagnostics()) {
            if (diagnostic.seriesId().equals(id)) {
                return diagnostic;
            }
        }
        Matcher layer = LAYER.matcher(id);
        for (Quantity quantity : Quantity.values()) {
            if (quantity.id().equals(id)) {
                return of(quantity);
            }
            if (layer.matches() && quantity.id().equals(layer.group(1))) {
                Display shown = quantity.display();
                return new ChartSpec(shown.title() + ", layer " + layer.group(2), shown.axisLabel(), id, null, null,
                        shown.logScale(), false);
            }
        }
        String title = Quantity.symbolOf(id).orElse(id);
        return new ChartSpec(title, title, id, null, null, false, true);
    }

    private static final Pattern LAYER = Pattern.compile("(.+)\\.layer(\\d+)");

    /**
     * The charts of the {@code layer_curvature} family among series {@code ids} (a race's): the Hessian's trace with
     * its standard error as error bars, then λ_max of each layer's block, then each block's trace, layers in order.
     * They come and go with the family, so the lab makes them for the layers a race's runs record.
     */
    public static List<ChartSpec> layerCurvature(Set<String> ids) {
        List<ChartSpec> specs = new ArrayList<>();
        if (ids.contains(Quantity.HESSIAN_TRACE.id())) {
            Display shown = Quantity.HESSIAN_TRACE.display();
            specs.add(new ChartSpec(shown.title(), shown.axisLabel() + SPREAD_NOTE, Quantity.HESSIAN_TRACE.id(), null,
                    null, shown.logScale(), true));
        }
        for (Quantity perLayer : List.of(Quantity.LAYER_SHARPNESS, Quantity.LAYER_TRACE)) {
            Display shown = perLayer.display();
            ids.stream().map(LAYER::matcher).filter(m -> m.matches() && m.group(1).equals(perLayer.id()))
                    .mapToInt(m -> Integer.parseInt(m.group(2))).sorted().forEach(l -> specs.add(new ChartSpec(
                            shown.title() + ", layer " + l, shown.axisLabel(), perLayer.layer(l), null, null,
                            shown.logScale(), true)));
        }
        return specs;
    }

    private static ChartSpec of(Quantity quantity) {
        Display shown = quantity.display();
        return new ChartSpec(shown.title(), shown.axisLabel(), quantity.id(), null, null, shown.logScale(), false);
    }

    private static ChartSpec layer0(Quantity quantity) {
        Display shown = quantity.display();
        return new ChartSpec(shown.title() + ", layer 0", shown.axisLabel(), quantity.layer(0), null, null,
                shown.logScale(), false);
    }

    /** An estimate's chart: its values, each run's threshold dashed, undecided values drawn by their error bound. */
    private static ChartSpec of(Estimate estimate) {
        Display shown = estimate.display();
        return new ChartSpec(shown.title(), shown.axisLabel() + THRESHOLD_NOTE, estimate.top(),
                estimate.threshold(), estimate.errorBound(), shown.logScale(), true);
    }
}
