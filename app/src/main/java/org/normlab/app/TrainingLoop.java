package org.normlab.app;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.BatchOrder;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.model.Network;

/**
 * Runs an {@link SgdExperiment} on its own thread and appends (step, minibatch loss) to a {@link PointSeries}.
 *
 * <p>The network and every ND4J array are created and used on that thread only. Other threads steer the loop with
 * {@link #setPaused} and {@link #stop}, which take effect between steps, and read {@link #loss()} and
 * {@link #failure()}.
 */
public final class TrainingLoop {
    private final SgdExperiment experiment;
    private final PointSeries loss = new PointSeries();
    private final Thread thread;
    private boolean paused;
    private boolean stopped;
    private volatile Throwable failure;

    public TrainingLoop(SgdExperiment experiment) {
        this.experiment = experiment;
        this.thread = new Thread(this::run, "training");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Pauses or resumes training; a step under way completes first. */
    public synchronized void setPaused(boolean paused) {
        this.paused = paused;
        notifyAll();
    }

    /** Ends training after the current step and waits for the thread to finish. */
    public void stop() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        thread.join();
    }

    /** Loss of the minibatch of each step, at the parameters before that step's update; x is the step index. */
    public PointSeries loss() {
        return loss;
    }

    /** What ended training early, or null while it runs or ran normally. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            train();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private void train() throws InterruptedException {
        Dataset data = experiment.data();
        Network network = new Network(experiment.network());
        INDArray theta = network.theta();
        INDArray gradient = network.params().zeros();
        BatchOrder order = new BatchOrder(data.size(), experiment.batchSize(), experiment.seed());
        for (long step = 0; awaitRunning(); step++) {
            double value = network.lossAndGradient(Batch.of(data, order.next()), gradient);
            Nd4j.getBlasWrapper().level1().axpy(theta.length(), -experiment.learningRate(), gradient, theta);
            loss.append(step, value);
        }
    }

    /** Blocks while paused; false once stopped. */
    private synchronized boolean awaitRunning() throws InterruptedException {
        while (paused && !stopped) {
            wait();
        }
        return !stopped;
    }
}
