package org.normlab.app.live;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.DoubleErrorDataSet;
import org.normlab.app.session.PointSeries;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import org.normlab.sim.probe.ThresholdSide;

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
    private final List<Runnable> feeds = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chart-feeder");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ChartPacing pacing;
    private DoubleSupplier windowShare;
    private Runnable afterEachTick;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong feedNanos = new AtomicLong();

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
        connect(source, target, () -> true);
    }

    /**
     * From now on, every tick while {@code live} holds copies the new points of {@code source} into {@code target}
     * (a chart out of sight costs nothing; it catches up with every point once it is live again).
     */
    public void connect(PointSeries source, DoubleDataSet target, BooleanSupplier live) {
        connect(source, target, live, () -> maxPointsPerSeries);
    }

    /**
     * As {@link #connect(PointSeries, DoubleDataSet, BooleanSupplier)}, with at most {@code points} points in
     * {@code target} (an even number ≥ 2, at most the feeder's own limit; read at every tick, e.g. from the width of
     * the chart's plot: a thinner curve is cheaper to draw).
     */
    public void connect(PointSeries source, DoubleDataSet target, BooleanSupplier live, IntSupplier points) {
        whileLive(new Feed(source, target, maxPointsPerSeries, points)::feed, live);
    }

    /**
     * From now on, every tick writes into {@code target} the estimates of {@code estimates} whose interval
     * [value, value + bound] holds their threshold (undecided, {@link ThresholdSide}), each with its bound as the
     * upward error; bounds and thresholds are matched to estimates by step. Only while {@code live} holds.
     */
    public void connectUndecided(PointSeries estimates, PointSeries bounds, PointSeries thresholds,
                                 DoubleErrorDataSet target, BooleanSupplier live) {
        whileLive(new UndecidedFeed(estimates, bounds, thresholds, target)::feed, live);
    }

    /**
     * From now on, every tick writes into {@code target} each value of {@code values} with the spread of the same
     * step in {@code spreads} (a standard error) as its error both ways; values without one are left out. Only while
     * {@code live} holds.
     */
    public void connectSpread(PointSeries values, PointSeries spreads, DoubleErrorDataSet target,
                              BooleanSupplier live) {
        whileLive(new SpreadFeed(values, spreads, target)::feed, live);
    }

    /** Adds {@code feed} to every tick, run only while {@code live} holds (a chart out of sight costs nothing). */
    private void whileLive(Runnable feed, BooleanSupplier live) {
        feeds.add(() -> {
            if (live.getAsBoolean()) {
                feed.run();
            }
        });
    }

    /** Stops feeding every target (a tick under way may still complete its writes). */
    public void disconnectAll() {
        feeds.clear();
    }

    /**
     * Starts ticking, first every {@code pacing}'s fastest period, then as {@code pacing} adjusts to the window's share
     * of the machine {@code windowShare} reports, re-read at most twice a second ({@link ChartPacing#ticked}). Each tick feeds every target, then
     * runs {@code afterEachTick} (on this thread); ticks start a period apart, and one that overruns its period is
     * followed at once, so slow ticks lower the rate instead of queuing up.
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

    /** Ticks done since {@link #start}; for measurements. */
    public long ticks() {
        return ticks.get();
    }

    /** CPU time this thread spent bringing DataSets up to date (thinning and writes), in ns; for measurements. */
    public long feedNanos() {
        return feedNanos.get();
    }

    private void tick() {
        long started = System.nanoTime();
        try {
            long cpu = WindowLoad.currentThreadCpuNanos();
            feedOnce();
            feedNanos.addAndGet(WindowLoad.currentThreadCpuNanos() - cpu);
            ticks.incrementAndGet();
            afterEachTick.run();
            pacing.ticked(System.nanoTime(), windowShare);
        } catch (RuntimeException e) {
            // The executor would swallow it and schedule nothing more: the charts would stand still for good.
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        } finally {
            if (!executor.isShutdown()) {
                executor.schedule(this::tick, pacing.delayAfter(System.nanoTime() - started), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** One tick: brings every target up to date with its source. */
    public void feedOnce() {
        feeds.forEach(Runnable::run);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(1, TimeUnit.SECONDS);
    }

    /**
     * Rebuilds the undecided points whenever a source grew. Curvature is measured every few hundred steps, so a
     * series holds few points and a full pass costs little.
     */
    private static final class UndecidedFeed {
        private final PointSeries estimates;
        private final PointSeries bounds;
        private final PointSeries thresholds;
        private final DoubleErrorDataSet target;
        private long seen = -1;

        UndecidedFeed(PointSeries estimates, PointSeries bounds, PointSeries thresholds, DoubleErrorDataSet target) {
            this.estimates = estimates;
            this.bounds = bounds;
            this.thresholds = thresholds;
            this.target = target;
        }

        void feed() {
            PointSeries.Points value = estimates.snapshot();
            PointSeries.Points bound = bounds.snapshot();
            PointSeries.Points threshold = thresholds.snapshot();
            long sizes = ((long) value.size() << 42) + ((long) bound.size() << 21) + threshold.size();
            if (sizes == seen) {
                return;
            }
            seen = sizes;
            int n = value.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] below = new double[n];
            double[] above = new double[n];
            int undecided = 0;
            int b = 0;
            int t = 0;
            for (int i = 0; i < n; i++) {
                double step = value.x(i);
                b = from(bound, step, b);
                t = from(threshold, step, t);
                if (b < bound.size() && bound.x(b) == step && t < threshold.size() && threshold.x(t) == step
                        && ThresholdSide.of(value.y(i), bound.y(b), threshold.y(t)) == ThresholdSide.UNDECIDED) {
                    x[undecided] = step;
                    y[undecided] = value.y(i);
                    above[undecided++] = bound.y(b);
                }
            }
            target.set(x, y, below, above, undecided, true);
        }

    }

    /** The first point at or after {@code step}, searching on from index {@code from} (steps increase). */
    private static int from(PointSeries.Points points, double step, int from) {
        int i = from;
        while (i < points.size() && points.x(i) < step) {
            i++;
        }
        return i;
    }

    /** Rebuilds the values with their spreads whenever a source grew; curvature cadence, so few points. */
    private static final class SpreadFeed {
        private final PointSeries values;
        private final PointSeries spreads;
        private final DoubleErrorDataSet target;
        private long seen = -1;

        SpreadFeed(PointSeries values, PointSeries spreads, DoubleErrorDataSet target) {
            this.values = values;
            this.spreads = spreads;
            this.target = target;
        }

        void feed() {
            PointSeries.Points value = values.snapshot();
            PointSeries.Points spread = spreads.snapshot();
            long sizes = ((long) value.size() << 32) + spread.size();
            if (sizes == seen) {
                return;
            }
            seen = sizes;
            int n = value.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] error = new double[n];
            int matched = 0;
            int s = 0;
            for (int i = 0; i < n; i++) {
                double step = value.x(i);
                s = from(spread, step, s);
                if (s < spread.size() && spread.x(s) == step) {
                    x[matched] = step;
                    y[matched] = value.y(i);
                    error[matched++] = spread.y(s);
                }
            }
            target.set(x, y, error, error, matched, true);
        }
    }

    private static final class Feed {
        private final PointSeries source;
        private final DoubleDataSet target;
        private final int maxPoints;
        private final double[] x;
        private final double[] y;
        private final IntSupplier points;
        private MinMaxDownsampler downsampler;
        private int consumed;
        private int compactions;
        private int limit;

        Feed(PointSeries source, DoubleDataSet target, int maxPoints, IntSupplier points) {
            this.source = source;
            this.target = target;
            this.maxPoints = maxPoints;
            this.points = points;
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
            int wanted = Math.min(maxPoints, Math.max(2, this.points.getAsInt() & ~1));
            if (available == consumed && wanted == limit) {
                return;
            }
            for (int i = consumed; i < available; i++) {
                downsampler.add(points.x(i), points.y(i));
            }
            consumed = available;
            limit = wanted;
            target.set(x, y, downsampler.copyTo(x, y, limit), true);
        }
    }
}
