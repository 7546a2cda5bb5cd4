package org.normlab.app;

import io.fair_acc.dataset.spi.DoubleDataSet;
import org.normlab.app.session.PointSeries;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The window's live tick, on its own thread: moves new points of live series into chart DataSets, then hands over to
 * the FX thread (status, maps, markers), as often as the window's share of the machine allows ({@link ChartPacing}).
 *
 * <p>ChartFX holds a DataSet's read lock from layout to the end of drawing, so neither the FX thread (it would
 * deadlock) nor a training thread (it would stall) may write one. This thread does, once per series per tick, with
 * a single {@code set} (which takes the write lock once) of a min/max-thinned copy of the whole series.
 */
public final class ChartFeeder implements AutoCloseable {
    private final int maxPointsPerSeries;
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chart-feeder");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ChartPacing pacing;
    private DoubleSupplier windowShare;
    private Runnable afterEachTick;

    /** @param maxPointsPerSeries the most points a chart gets per series; an even number ≥ 2 */
    public ChartFeeder(int maxPointsPerSeries) {
        if (maxPointsPerSeries < 2 || maxPointsPerSeries % 2 != 0) {
            throw new IllegalArgumentException("maxPointsPerSeries must be an even number >= 2, was "
                    + maxPointsPerSeries);
        }
        this.maxPointsPerSeries = maxPointsPerSeries;
    }

    /** From now on, every tick copies the new points of {@code source} into {@code target}. */
    public void connect(PointSeries source, DoubleDataSet target) {
        feeds.add(new Feed(source, target, maxPointsPerSeries));
    }

    /** Stops feeding every target (a tick under way may still complete its writes). */
    public void disconnectAll() {
        feeds.clear();
    }

    /**
     * Starts ticking, first every {@code pacing}'s fastest period, then as {@code pacing} adjusts to the window's share
     * of the machine {@code windowShare} reports, re-read at most twice a second ({@link ChartPacing#ticked}). Each tick feeds every target, then
     * runs {@code afterEachTick} (on this thread), and waits its period after it ends, so slow ticks lower the rate
     * instead of queuing up.
     */
    public void start(ChartPacing pacing, DoubleSupplier windowShare, Runnable afterEachTick) {
        this.pacing = pacing;
        this.windowShare = windowShare;
        this.afterEachTick = afterEachTick;
        executor.execute(this::tick);
    }

    /** Ticks per second at the current pacing; NaN before {@link #start}. */
    public double updatesPerSecond() {
        ChartPacing current = pacing;
        return current == null ? Double.NaN : 1e9 / current.periodNanos();
    }

    /** The window's share of the machine last measured; NaN before the first measurement. */
    public double windowShare() {
        ChartPacing current = pacing;
        return current == null ? Double.NaN : current.lastShare();
    }

    private void tick() {
        feedOnce();
        afterEachTick.run();
        pacing.ticked(System.nanoTime(), windowShare);
        if (!executor.isShutdown()) {
            executor.schedule(this::tick, pacing.periodNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** One tick: brings every target up to date with its source. */
    void feedOnce() {
        feeds.forEach(Feed::feed);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(1, TimeUnit.SECONDS);
    }

    private static final class Feed {
        private final PointSeries source;
        private final DoubleDataSet target;
        private final int maxPoints;
        private final double[] x;
        private final double[] y;
        private MinMaxDownsampler downsampler;
        private int consumed;
        private int compactions;

        Feed(PointSeries source, DoubleDataSet target, int maxPoints) {
            this.source = source;
            this.target = target;
            this.maxPoints = maxPoints;
            this.downsampler = new MinMaxDownsampler(maxPoints);
            this.x = new double[maxPoints];
            this.y = new double[maxPoints];
        }

        void feed() {
            PointSeries.Points points = source.snapshot();
            if (points.compactions() != compactions) {
                // The series renumbered its points: thin it anew.
                downsampler = new MinMaxDownsampler(maxPoints);
                consumed = 0;
                compactions = points.compactions();
            }
            int available = points.size();
            if (available == consumed) {
                return;
            }
            for (int i = consumed; i < available; i++) {
                downsampler.add(points.x(i), points.y(i));
            }
            consumed = available;
            target.set(x, y, downsampler.copyTo(x, y), true);
        }
    }
}
