package org.normlab.sim.optim;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.model.Params;

/**
 * A transform bound to one live parameter vector θ: {@link #step} runs the chain on a gradient and applies
 * {@code θ ← θ + u}. Not thread-safe: it belongs to the run that owns θ.
 */
public final class Stepper {
    private final Transform transform;
    private final Params params;
    private final INDArray theta;
    private Transform.State state;

    /** Initializes {@code transform} on θ (a constraint stage may project θ now, see {@link Transform#init}). */
    public Stepper(Transform transform, Params params, INDArray theta) {
        this.transform = transform;
        this.params = params;
        this.theta = theta;
        this.state = transform.init(params, theta);
    }

    /** One step from the minibatch gradient; {@code gradient} is overwritten by the update u (no copy is made). */
    public void step(INDArray gradient) {
        state.update(gradient, theta);
        Nd4j.getBlasWrapper().level1().axpy(theta.length(), 1.0, gradient, theta);
        state.afterStep(theta);
    }

    /** Fresh optimizer state (momentum, Adam moments, samples) at the current θ; hyperparameters are kept. */
    public void reset() {
        state = transform.init(params, theta);
    }

    /** Adam's bias-corrected second moment after the last step, for the preconditioned sharpness; empty if none. */
    public Optional<Transform.SecondMoment> secondMoment() {
        return state.secondMoment();
    }

    /** The diagonal the optimizer scales the gradient by at the current θ, if it does (see {@link Transform.State}). */
    public Optional<INDArray> gradientScaling() {
        return state.gradientScaling(theta);
    }

    /** Projects {@code v} onto the tangent space of the optimizer's constraint at the current θ (identity if none). */
    public void projectOntoTangent(INDArray v) {
        state.projectOntoTangent(v, theta);
    }

    /** Whether the optimizer projects θ onto a constraint after each step ({@link Transform.State#constrains}). */
    public boolean constrains() {
        return state.constrains();
    }

    public Hyperparameters hyperparameters() {
        return transform.hyperparameters();
    }
}
