package org.normlab.sim.optim;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;
import org.normlab.sim.model.PreparedOps;

/**
 * INSGD's input normalization (Atici, Pan, Cetin, <i>Input Normalized SGD</i>, TMLR, Algorithm 1): for Linear layer
 * l with input power q_l (see {@link InputPower}), {@code P_l ← βP_l + (1−β)q_l} (the first step sets
 * {@code P_l = q_l}) and {@code g_W ← g_W / max(log P_l, ε)}. Biases and BatchNorm parameters pass through.
 * Hyperparameters {@code powerBeta} β ∈ [0, 1) and {@code powerEpsilon} ε ∈ (0, ∞), default 0.01.
 */
final class ScaleByInputPower implements Transform {
    static final double DEFAULT_EPSILON = 0.01;

    private final LayerInputs inputs;
    private final InputPower kind;
    private final Hyperparameter beta;
    private final Hyperparameter epsilon;

    ScaleByInputPower(LayerInputs inputs, InputPower kind, double beta) {
        this.inputs = inputs;
        this.kind = kind;
        this.beta = new Hyperparameter("powerBeta", Hyperparameter.Domain.unitInterval(), beta);
        this.epsilon = new Hyperparameter("powerEpsilon", Hyperparameter.Domain.positive(), DEFAULT_EPSILON);
    }

    @Override
    public State init(Params params, INDArray theta0) {
        List<Params.Tensor> weights = params.tensors().stream().filter(t -> t.role() == Params.Role.WEIGHT).toList();
        TensorViews updateViews = new TensorViews(params, weights);
        double[] power = new double[weights.size()];
        Arrays.fill(power, Double.NaN);
        PreparedOps ops = new PreparedOps();
        INDArray[] divisors = new INDArray[weights.size()];
        for (int l = 0; l < divisors.length; l++) {
            divisors[l] = Nd4j.create(DataType.DOUBLE, 1);
        }
        return (u, theta) -> {
            INDArray[] g = updateViews.of(u);
            for (int l = 0; l < g.length; l++) {
                double q = inputs.power(l, kind);
                // P + (1−β)(q − P) is βP + (1−β)q, and stays exactly q while q is constant.
                power[l] = Double.isNaN(power[l]) ? q : power[l] + (1 - beta.value()) * (q - power[l]);
                divisors[l].data().setData(new double[] {Math.max(Math.log(power[l]), epsilon.value())});
                ops.div(g[l], divisors[l], g[l]);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(beta, epsilon);
    }
}
