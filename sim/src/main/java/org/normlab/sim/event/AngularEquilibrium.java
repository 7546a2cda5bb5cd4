package org.normlab.sim.event;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.normlab.sim.series.Quantity;

/**
 * A layer's angular update reaching spherical motion's equilibrium: its running root mean square
 * ({@code weight.angular_update_rms}; the prediction is of the mean squared angle, and one step's angle varies with its
 * minibatch) within {@value #TOLERANCE} (relative) of the predicted {@code √(2ηλ/(1+μ))} of its step at every
 * measurement of a stretch of {@value #STEPS} consecutive steps
 * (from its first measurement to its last). Marked at the stretch's last step, when it is known (the text names its
 * first). Once per predicted value: a change of η, λ or μ that moves the prediction lets the layer reach its new
 * equilibrium again. The probe writes the prediction before the angle at the same step.
 */
final class AngularEquilibrium implements Detector {
    static final double TOLERANCE = 0.05;
    static final long STEPS = 200;

    private static final String MEASURED = Quantity.ANGULAR_UPDATE_RMS.id() + ".layer";
    private static final String PREDICTED = Quantity.EQUILIBRIUM_ANGULAR_UPDATE.id() + ".layer";

    /** One layer's state. */
    private static final class Layer {
        long predictedAt = -1;
        double predicted;
        /** First step of the current stretch within tolerance, −1 outside one. */
        long since = -1;
        /** The prediction at the last event, NaN before one. */
        double marked = Double.NaN;
    }

    private final Map<String, Layer> layers = new HashMap<>();

    @Override
    public void observe(String series, long step, double value, Consumer<Event> found) {
        if (series.startsWith(PREDICTED)) {
            Layer layer = layers.computeIfAbsent(series.substring(PREDICTED.length()), l -> new Layer());
            if (layer.predictedAt >= 0 && value != layer.predicted) {
                layer.since = -1;
            }
            layer.predictedAt = step;
            layer.predicted = value;
            return;
        }
        if (!series.startsWith(MEASURED)) {
            return;
        }
        Layer layer = layers.get(series.substring(MEASURED.length()));
        if (layer == null) {
            return;
        }
        if (layer.predictedAt != step || !(Math.abs(value - layer.predicted) <= TOLERANCE * layer.predicted)) {
            layer.since = -1;
            return;
        }
        if (layer.since < 0) {
            layer.since = step;
        }
        if (step - layer.since + 1 >= STEPS && layer.marked != layer.predicted) {
            layer.marked = layer.predicted;
            found.accept(new Event(step, Event.Kind.EQUILIBRIUM, series, value, layer.predicted,
                    "angular update at its equilibrium √(2ηλ/(1+μ)) = " + String.format("%.4g", layer.predicted)
                            + " since step " + layer.since));
        }
    }
}
