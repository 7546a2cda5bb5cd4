package org.normlab.sim.optim;

import java.util.List;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * LARS's layer-wise trust ratio (You, Gitman, Ginsburg, "Large Batch Training of Convolutional Networks", arXiv
 * 1708.03888, Algorithm 1): for every {@code selected} tensor w, with the incoming gradient g,
 * {@code u ← trust·‖w‖/(‖g‖ + λ‖w‖) · (g + λw)}, norms over the whole tensor and taken before the step; every other
 * entry passes through ({@code u = g}, no decay). The update's norm is then {@code trust·‖w‖} times
 * {@code ‖g + λw‖/(‖g‖ + λ‖w‖) ≤ 1}, whatever the gradient's scale: a weight tensor feeding BatchNorm, whose gradient
 * scales as 1/c when w scales by c, takes the same angular step at every scale. Where {@code ‖w‖} or
 * {@code ‖g‖ + λ‖w‖} is 0 the ratio is 1 (the common implementations' guard).
 */
final class ScaleByTrustRatio implements Transform {
    private final Predicate<Params.Tensor> selected;
    private final Hyperparameter trust;
    private final Hyperparameter weightDecay;

    ScaleByTrustRatio(Predicate<Params.Tensor> selected, double trust, double weightDecay) {
        this.selected = selected;
        this.trust = new Hyperparameter("trust", Hyperparameter.Domain.positive(), trust);
        this.weightDecay = new Hyperparameter("weightDecay", Hyperparameter.Domain.nonNegative(), weightDecay);
    }

    @Override
    public State init(Params params, INDArray theta0) {
        List<Params.Tensor> tensors = params.tensors().stream().filter(selected).toList();
        TensorViews thetaViews = new TensorViews(params, tensors);
        TensorViews updateViews = new TensorViews(params, tensors);
        INDArray[] decayed = thetaViews.of(theta0).clone();
        for (int i = 0; i < decayed.length; i++) {
            decayed[i] = decayed[i].ulike();
        }
        return (u, theta) -> {
            INDArray[] w = thetaViews.of(theta);
            INDArray[] g = updateViews.of(u);
            double lambda = weightDecay.value();
            for (int i = 0; i < w.length; i++) {
                double weightNorm = w[i].norm2Number().doubleValue();
                double denominator = g[i].norm2Number().doubleValue() + lambda * weightNorm;
                double ratio = weightNorm > 0 && denominator > 0 ? trust.value() * weightNorm / denominator : 1;
                g[i].addi(decayed[i].assign(w[i]).muli(lambda)).muli(ratio);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.of(trust, weightDecay);
    }
}
