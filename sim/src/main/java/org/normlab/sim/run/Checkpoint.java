package org.normlab.sim.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;
import org.normlab.sim.model.Params;

/**
 * A network's full state at one step, written as JSON: enough for an independent program to rebuild the network
 * and recompute the loss, gradient and curvature on the probe set (whose rows are in {@code probeSet.file}).
 *
 * @param parameterOrder names of the tensors in the order they are laid out in the flat parameter vector θ
 * @param parameters     each tensor by name: shape ({@code [out, in]} for weights, {@code [n]} for vectors) and
 *                       values in row-major order
 * @param batchNorm      running mean and (unbiased, momentum 0.1) variance of each BatchNorm layer, by name
 * @param probeSet       the probe set and what was measured on it at this step
 */
public record Checkpoint(int formatVersion, String experiment, long step, NetworkSpec network,
                         List<String> parameterOrder, Map<String, Tensor> parameters,
                         Map<String, RunningStatistics> batchNorm, ProbeMeasurements probeSet) {

    public static final int FORMAT_VERSION = 1;

    /** One parameter tensor. */
    public record Tensor(int[] shape, double[] values) {
    }

    /** BatchNorm running statistics, one value per feature. */
    public record RunningStatistics(double[] mean, double[] var) {
    }

    /**
     * @param file                  the CSV file with the probe set's rows, next to the checkpoint
     * @param indices               indices into the training set, in row order
     * @param trainModeLoss         loss over the whole probe set as one batch, train-mode BN (batch statistics)
     * @param trainModeGradientNorm Euclidean norm of that loss's gradient with respect to θ
     * @param evalModeLoss          loss over the probe set, eval-mode BN (running statistics)
     * @param evalModeAccuracy      accuracy over the probe set, eval-mode BN
     */
    public record ProbeMeasurements(String file, int[] indices, double trainModeLoss, double trainModeGradientNorm,
                                    double evalModeLoss, double evalModeAccuracy) {
    }

    /** The state of {@code network} after {@code step} steps, measured on {@code probe}. */
    public static Checkpoint of(String experiment, long step, Network network, ProbeSet probe, String probeFile) {
        Params params = network.params();
        double[] theta = network.theta().toDoubleVector();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Params.Tensor t : params.tensors()) {
            int[] shape = t.isMatrix() ? new int[] {t.rows(), t.cols()} : new int[] {t.cols()};
            tensors.put(t.name(), new Tensor(shape,
                    Arrays.copyOfRange(theta, (int) t.offset(), (int) (t.offset() + t.length()))));
        }
        Map<String, RunningStatistics> batchNorm = new LinkedHashMap<>();
        for (String name : network.batchNormNames()) {
            INDArray[] statistics = network.runningStatistics(name);
            batchNorm.put(name, new RunningStatistics(statistics[0].toDoubleVector(), statistics[1].toDoubleVector()));
        }
        INDArray gradient = params.zeros();
        double trainModeLoss = network.gradient(probe.batch(), BatchNormMode.TRAIN, gradient);
        Network.Evaluation eval = network.evaluate(probe.batch(), BatchNormMode.EVAL);
        ProbeMeasurements measured = new ProbeMeasurements(probeFile, probe.indices(), trainModeLoss,
                gradient.norm2Number().doubleValue(), eval.loss(), eval.accuracy());
        return new Checkpoint(FORMAT_VERSION, experiment, step, network.spec(), List.copyOf(tensors.keySet()),
                tensors, batchNorm, measured);
    }

    public void writeTo(OutputStream out) throws IOException {
        Json.mapper().writeValue(out, this);
    }

    /**
     * Reads a checkpoint {@link #writeTo} wrote.
     *
     * @throws InvalidInputException naming the file and what is wrong: missing, unreadable, not a checkpoint of
     *                               format {@value #FORMAT_VERSION}
     */
    public static Checkpoint read(Path file) {
        Checkpoint checkpoint;
        try {
            JsonNode tree = Json.mapper().readTree(file.toFile());
            if (tree == null || tree.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new InvalidInputException("checkpoint " + file + " must be a NormLab checkpoint of formatVersion "
                        + FORMAT_VERSION);
            }
            checkpoint = Json.mapper().treeToValue(tree, Checkpoint.class);
        } catch (JsonMappingException e) {
            throw new InvalidInputException("checkpoint " + file + ": " + ExperimentFile.describe(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("checkpoint " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(Files.exists(file) ? "cannot read checkpoint " + file + ": "
                    + e.getMessage() : "checkpoint " + file + " does not exist");
        }
        if (checkpoint.network() == null || checkpoint.parameters() == null || checkpoint.batchNorm() == null
                || checkpoint.probeSet() == null) {
            throw new InvalidInputException("checkpoint " + file + " must hold network, parameters, batchNorm and "
                    + "probeSet");
        }
        return checkpoint;
    }

    /**
     * Loads the parameters and BatchNorm running statistics into {@code network}, built from this checkpoint's
     * {@link #network} spec.
     *
     * @throws InvalidInputException if a tensor or statistic is missing or has the wrong size
     */
    public void restore(Network network) {
        Params params = network.params();
        for (Params.Tensor t : params.tensors()) {
            Tensor saved = parameters.get(t.name());
            if (saved == null || saved.values() == null || saved.values().length != t.length()) {
                throw new InvalidInputException("checkpoint parameters." + t.name() + " must hold " + t.length()
                        + " values for network " + network.spec());
            }
            params.view(network.theta(), t).assign(Nd4j.createFromArray(saved.values()).reshape(
                    params.view(network.theta(), t).shape()));
        }
        for (String name : network.batchNormNames()) {
            RunningStatistics saved = batchNorm.get(name);
            INDArray[] live = network.runningStatistics(name);
            if (saved == null || saved.mean() == null || saved.var() == null || saved.mean().length != live[0].length()
                    || saved.var().length != live[1].length()) {
                throw new InvalidInputException("checkpoint batchNorm." + name + " must hold a mean and var of "
                        + live[0].length() + " values each");
            }
            live[0].assign(Nd4j.createFromArray(saved.mean()));
            live[1].assign(Nd4j.createFromArray(saved.var()));
        }
    }
}
