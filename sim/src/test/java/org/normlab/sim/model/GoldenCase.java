package org.normlab.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;
import org.normlab.sim.data.Dataset;

/**
 * One golden case from {@code src/test/resources/golden}: a tiny network, a batch and values computed by an
 * independent float64 implementation (PyTorch autograd, ARPACK, dense eigvalsh). See the README there.
 */
public record GoldenCase(String name, Network network, Batch batch, double loss, double[] grad, double[] v, double[] hvp,
                  double[] ggnV, double hessianLambdaMax, double hessianLambdaMin, double fisherLambdaMax) {

    public static GoldenCase load(String name) {
        try (InputStream in = GoldenCase.class.getResourceAsStream("/golden/" + name + ".json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            JsonNode s = root.get("spec");
            int[] dims = ints(s.get("dims"));
            List<Integer> hidden = new ArrayList<>();
            for (int i = 1; i < dims.length - 1; i++) {
                hidden.add(dims[i]);
            }
            NetworkSpec spec = new NetworkSpec(dims[0], hidden, dims[dims.length - 1],
                    Activation.valueOf(s.get("activation").asText().toUpperCase()),
                    switch (s.get("normalization").asText()) {
                        case "bn" -> Normalization.BATCH_NORM;
                        case "mimic" -> Normalization.MIMIC_NORM;
                        default -> Normalization.NONE;
                    },
                    Initialization.HE,
                    s.get("loss").asText().equals("ce") ? LossFunction.CROSS_ENTROPY : LossFunction.HALF_MSE,
                    s.get("bn_eps").asDouble(), s.get("ghost_batch").asInt(), 0);
            Network network = new Network(spec);
            List<String> order = new ArrayList<>();
            root.get("parameter_order").forEach(n -> order.add(n.asText()));
            List<String> ours = network.params().tensors().stream().map(Params.Tensor::name).toList();
            if (!order.equals(ours)) {
                throw new IllegalStateException(name + ": parameter order " + order + " but the network has " + ours);
            }
            for (Params.Tensor t : network.params().tensors()) {
                double[] values = flatten(root.get("params").get(t.name()));
                network.params().view(network.theta(), t).assign(
                        Nd4j.createFromArray(values).reshape(t.isMatrix() ? new long[] {t.rows(), t.cols()}
                                : new long[] {t.cols()}));
            }
            JsonNode xs = root.get("X");
            double[][] x = new double[xs.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = flatten(xs.get(i));
            }
            Dataset data = new Dataset(name, x, ints(root.get("y")), dims[dims.length - 1]);
            return new GoldenCase(name, network, Batch.all(data), root.get("loss").asDouble(),
                    flatten(root.get("grad")), flatten(root.get("v")), flatten(root.get("hvp")),
                    flatten(root.get("ggn_v")), root.get("hessian_lambda_max").asDouble(),
                    root.get("hessian_lambda_min").asDouble(), root.get("fisher_lambda_max").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    INDArray vector(double[] values) {
        return Nd4j.createFromArray(values.clone());
    }

    private static double[] flatten(JsonNode node) {
        List<Double> out = new ArrayList<>();
        collect(node, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        } else {
            out.add(node.asDouble());
        }
    }

    private static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }
}
