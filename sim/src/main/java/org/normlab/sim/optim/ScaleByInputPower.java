package org.normlab.sim.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;
import org.normlab.sim.backend.PreparedOps;

/**
 * INSGD's input normalization (Atici, Pan, Cetin, <i>Input Normalized SGD</i>, TMLR, Algorithm 1): for Linear layer
 * l with input power q_l (see {@link InputPower}), {@code P_l ← βP_l + (1−β)q_l} (the first step sets
 * {@code P_l = q_l}) and {@code g_W ← g_W / max(log P_l, ε)}. Biases and BatchNorm parameters pass through.
 * Hyperparameters {@code powerBeta} β ∈ [0, 1) and {@code powerEpsilon} ε ∈ (0, ∞), default 0.01.
 */
final class ScaleByInputPower implements Transform {

    private final LayerInputs inputs;
    private final InputPower kind;
    private final Hyperparameter beta;
    private final Hyperparameter epsilon;

    ScaleByInputPower(LayerInputs inputs, InputPower kind, double beta) {
        this.inputs = inputs;
        this.kind = kind;
        this.beta = new Hyperparameter("powerBeta", Hyperparameter.Domain.unitInterval(), beta);
        this.epsilon = new Hyperparameter("powerEpsilon", Hyperparameter.Domain.positive(), Optimizers.DEFAULT_POWER_EPSILON);
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
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                INDArray[] g = updateViews.of(u);
                for (int l = 0; l < g.length; l++) {
                    double q = inputs.power(l, kind);
                    // P + (1−β)(q − P) is βP + (1−β)q, and stays exactly q while q is constant.
                    power[l] = Double.isNaN(power[l]) ? q : power[l] + (1 - beta.value()) * (q - power[l]);
                    divisors[l].data().setData(new double[] {divisor(power[l])});
                    ops.div(g[l], divisors[l], g[l]);
                }
            }

            /** 1/max(log P_l, ε) on layer l's weights, 1 elsewhere: the last step's P and the current ε. */
            @Override
            public Optional<INDArray> gradientScaling(INDArray theta) {
                if (Double.isNaN(power[0])) {
                    return Optional.empty();
                }
                INDArray scaling = Nd4j.ones(DataType.DOUBLE, theta.length());
                for (int l = 0; l < weights.size(); l++) {
                    params.view(scaling, weights.get(l)).divi(divisor(power[l]));
                }
                return Optional.of(scaling);
            }
        };
    }

    private double divisor(double power) {
        return Math.max(Math.log(power), epsilon.value());
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(beta, epsilon);
    }
}
