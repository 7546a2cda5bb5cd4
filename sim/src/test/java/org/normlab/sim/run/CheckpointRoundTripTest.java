package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.NetworkSpec;

/**
 * Reads checkpoint.json and probe-set.csv back as an independent program would (Jackson tree, plain CSV), rebuilds
 * the network from the stored spec and tensors, and recomputes what the checkpoint says it measured.
 */
class CheckpointRoundTripTest {
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @TempDir
    Path temp;

    @Test
    void theStoredNetworkReproducesTheStoredLossGradientNormAndEvaluation()
            throws IOException, InterruptedException {
        Experiment experiment = TinyExperiment.experiment();
        OutputDirectory out = OutputDirectory.create(temp.resolve("out"), false);
        new HeadlessRace(experiment, experiment.data().load(Path.of("..", "assets"))).execute(out, Progress.NONE);
        out.commit(true);

        Path runFolder = temp.resolve("out").resolve(TinyExperiment.RUN);
        JsonNode checkpoint = Json.mapper().readTree(runFolder.resolve("checkpoint.json").toFile());
        assertEquals(Checkpoint.FORMAT_VERSION, checkpoint.get("formatVersion").asInt());
        assertEquals(TinyExperiment.STEPS, checkpoint.get("step").asLong());
        NetworkSpec spec = Json.mapper().treeToValue(checkpoint.get("network"), NetworkSpec.class);
        Network network = new Network(spec);

        // θ is the concatenation of the tensors' row-major values in parameterOrder.
        List<Double> theta = new ArrayList<>();
        for (JsonNode name : checkpoint.get("parameterOrder")) {
            JsonNode tensor = checkpoint.get("parameters").get(name.asText());
            int elements = 1;
            for (JsonNode extent : tensor.get("shape")) {
                elements *= extent.asInt();
            }
            assertEquals(elements, tensor.get("values").size(), name + " values match its shape");
            tensor.get("values").forEach(v -> theta.add(v.asDouble()));
        }
        network.theta().assign(Nd4j.createFromArray(theta.stream().mapToDouble(Double::doubleValue).toArray()));
        for (Iterator<Map.Entry<String, JsonNode>> it = checkpoint.get("batchNorm").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> layer = it.next();
            INDArray[] statistics = network.runningStatistics(layer.getKey());
            statistics[0].assign(Nd4j.createFromArray(doubles(layer.getValue().get("mean"))));
            statistics[1].assign(Nd4j.createFromArray(doubles(layer.getValue().get("var"))));
        }

        JsonNode probe = checkpoint.get("probeSet");
        List<String> rows = Files.readAllLines(runFolder.resolve(probe.get("file").asText()));
        assertEquals("index,label,x0,x1", rows.get(0));
        Batch batch = batch(rows.subList(1, rows.size()), spec.inputSize(), spec.outputSize());
        int[] indices = rows.subList(1, rows.size()).stream().mapToInt(r -> Integer.parseInt(r.split(",")[0]))
                .toArray();
        assertArrayEquals(Json.mapper().treeToValue(probe.get("indices"), int[].class), indices);

        INDArray gradient = network.params().zeros();
        double loss = network.gradient(batch, BatchNormMode.TRAIN, gradient);
        assertRelativelyClose(probe.get("trainModeLoss").asDouble(), loss);
        assertRelativelyClose(probe.get("trainModeGradientNorm").asDouble(), gradient.norm2Number().doubleValue());
        Network.Evaluation eval = network.evaluate(batch, BatchNormMode.EVAL);
        assertRelativelyClose(probe.get("evalModeLoss").asDouble(), eval.loss());
        assertEquals(probe.get("evalModeAccuracy").asDouble(), eval.accuracy());
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** Rows {@code index,label,x0,…}: inputs [n, d] and one-hot targets [n, k]. */
    private static Batch batch(List<String> rows, int d, int k) {
        double[][] x = new double[rows.size()][d];
        double[][] y = new double[rows.size()][k];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            labels[i] = Integer.parseInt(cells[1]);
            y[i][labels[i]] = 1;
            x[i] = Arrays.stream(cells, 2, cells.length).mapToDouble(Double::parseDouble).toArray();
        }
        return new Batch(Nd4j.create(x).castTo(DataType.DOUBLE), Nd4j.create(y).castTo(DataType.DOUBLE), labels);
    }

    private static void assertRelativelyClose(double expected, double actual) {
        assertEquals(expected, actual, RELATIVE_TOLERANCE * Math.abs(expected));
    }
}
