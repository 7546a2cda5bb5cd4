package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normlab.sim.linalg.DenseSymmetric;
import org.normlab.sim.linalg.JacobiEigenvalues;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Curvature;
import org.normlab.sim.model.GoldenCase;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Params;
import org.normlab.sim.series.Quantity;

/**
 * The live per-layer curvature (sim/docs/math.md §9) against the dense Hessian of the golden networks: each layer's
 * λ_max is its block's top eigenvalue, the block traces add up to the whole trace sample by sample, and the whole
 * trace lies within three standard errors of the dense one; the network is left as it was.
 */
class LayerSharpnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"bn-tanh-ce", "plain-tanh-mse"})
    void measuresEachLayersBlockAndTheTrace(String name) {
        GoldenCase c = GoldenCase.load(name);
        Network network = c.network();
        Params params = network.params();
        double[] before = network.theta().toDoubleVector();
        LayerSharpness probe = new LayerSharpness(network, Schedule.every(1), BatchNormMode.TRAIN,
                new Lanczos((int) params.size(), 1e-12), 3);
        Map<String, Double> values = new HashMap<>();
        probe.measure(ProbeContext.of(0, network, c.batch(), StepRule.gradientDescent(0.1)),
                (key, step, value) -> values.put(key, value));
        assertArrayEquals(before, network.theta().toDoubleVector(), "θ unchanged");
        assertEquals(probe.series().size(), values.size(), "every declared series written: " + values.keySet());

        DenseSymmetric dense = DenseSymmetric.of(Curvature.HESSIAN.of(network, c.batch(), BatchNormMode.TRAIN));
        List<Params.Tensor> weights = params.tensors().stream().filter(t -> t.role() == Params.Role.WEIGHT).toList();
        double layerTraces = 0;
        for (int l = 0; l < weights.size(); l++) {
            int from = (int) weights.get(l).offset();
            int to = l + 1 < weights.size() ? (int) weights.get(l + 1).offset() : (int) params.size();
            DenseSymmetric block = dense.block(from, to);
            double[][] m = new double[to - from][to - from];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    m[i][j] = block.get(i, j);
                }
            }
            double[] spectrum = JacobiEigenvalues.of(m);
            double top = spectrum[spectrum.length - 1];
            assertEquals(top, values.get(Quantity.LAYER_SHARPNESS.layer(l)), 1e-8 * Math.abs(top), name + " layer " + l);
            layerTraces += values.get(Quantity.LAYER_TRACE.layer(l));
        }
        double trace = values.get(Quantity.HESSIAN_TRACE.id());
        double error = values.get(Quantity.HESSIAN_TRACE_STANDARD_ERROR.id());
        assertEquals(trace, layerTraces, 1e-12 * Math.abs(trace) + 1e-14, "the blocks partition zᵀHz");
        assertTrue(error > 0 && Math.abs(trace - dense.trace()) <= 3 * error, trace + " ± " + error + " vs "
                + dense.trace());
    }
}
