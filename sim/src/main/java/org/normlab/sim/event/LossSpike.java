package org.normlab.sim.event;

import java.util.Arrays;
import java.util.function.Consumer;
import org.normlab.sim.series.Quantity;

/**
 * A spike of the training loss: the median of the last {@value #SHORT} minibatch losses exceeds {@value #FACTOR} times
 * the median of the {@value #LONG} before them and every one of those {@value #LONG} losses, and the rise is material:
 * at least {@value #MATERIAL} of the loss at the start (the median of the first {@value #LONG} losses). Nothing is
 * judged before both windows are full; non-finite losses are skipped. Marked at the first step where it holds; the next
 * spike can start only once the rule no longer holds. A median, unlike a mean, is not moved by one unlucky minibatch
 * (with batches of 64, single losses 3–9 times the running median are common), so only a rise that lasts most of
 * {@value #SHORT} steps counts; a factor keeps the rule independent of the loss' scale. The materiality floor keeps a
 * nearly converged run quiet: from a loss of 0.001, a wobble to 0.004 is fourfold but no spike of a loss that started
 * at 0.69. Rising above every loss of the long window keeps minibatch noise out: where the loss has not converged
 * (noisy spirals at 0.1), losses of batches of 64 are heavy-tailed and correlated, and the factor and floor alone
 * marked a spike every ~700 steps of every run (148 in 100k steps of the lab's opening race, at the same steps in every
 * run: the batches, not the optimizers); with this rule 2–6. For independent losses the rule holds by chance when the
 * three largest of 105 are among the last five: C(5,3)/C(105,3) ≈ 1 step in 19,000.
 */
final class LossSpike implements Detector {
    static final double FACTOR = 3;
    static final int SHORT = 5;
    static final int LONG = 100;
    static final double MATERIAL = 0.05;

    private static final String LOSS = Quantity.TRAIN_LOSS.id();

    /** The last SHORT + LONG losses, oldest first once full. */
    private final double[] window = new double[SHORT + LONG];
    private long seen;
    private double start = Double.NaN;
    private boolean spiking;

    @Override
    public void observe(String series, long step, double value, Consumer<Event> found) {
        if (!series.equals(LOSS) || !Double.isFinite(value)) {
            return;
        }
        if (seen < window.length) {
            window[(int) seen] = value;
        } else {
            System.arraycopy(window, 1, window, 0, window.length - 1);
            window[window.length - 1] = value;
        }
        seen++;
        if (seen == LONG) {
            start = median(Arrays.copyOf(window, LONG));
        }
        if (seen < window.length) {
            return;
        }
        double[] earlier = Arrays.copyOfRange(window, 0, LONG);
        double before = median(earlier);
        double highest = earlier[LONG - 1]; // median sorted them
        double recent = median(Arrays.copyOfRange(window, LONG, LONG + SHORT));
        boolean above = recent > FACTOR * before && recent > highest && recent - before >= MATERIAL * start;
        if (above && !spiking) {
            found.accept(new Event(step, Event.Kind.LOSS_SPIKE, series, recent, before, "loss spike: median of the "
                    + "last " + SHORT + " losses " + String.format("%.3g", recent) + " > " + (int) FACTOR
                    + "× the median " + String.format("%.3g", before) + " before"));
        }
        spiking = above;
    }

    /** The median of {@code values}, which it sorts in place. */
    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
