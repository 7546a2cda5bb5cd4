package org.normlab.sim.optim;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/**
 * One stage of an optimizer, in the style of Optax's {@code GradientTransformation}: {@link #init} allocates the
 * stage's explicit state for a parameter layout, and {@link State#update} turns the incoming vector into this stage's
 * output in place. The first stage receives the minibatch gradient g; the last one leaves the update u, and the step
 * applies {@code θ ← θ + u} ({@link Stepper}). Everything is a flat float64 vector of the {@link Params} layout, so a
 * stage is a handful of whole-vector ND4J calls into preallocated buffers.
 *
 * <p>A transform holds its {@link Hyperparameters}; its state reads them on every step, so a value set between steps
 * applies from the next one. A transform may be initialized more than once (a reset, or a run per network); the
 * states share its hyperparameters.
 */
public interface Transform {

    /**
     * A fresh state for parameters of layout {@code params} whose current value is {@code theta}. A constraint stage
     * may project θ onto its constraint here (MimicNorm centres the rows of the initialized network); no other stage
     * writes θ.
     */
    State init(Params params, INDArray theta);

    Hyperparameters hyperparameters();

    /** Sets hyperparameter {@code name} and returns this transform, for building a recipe with non-default values. */
    default Transform with(String name, double value) {
        hyperparameters().set(name, value);
        return this;
    }

    /** The state of one transform on one network. */
    @FunctionalInterface
    interface State {

        /** Replaces {@code u} in place by this stage's output; θ is the value before the step and is not written. */
        void update(INDArray u, INDArray theta);

        /**
         * Called after the step {@code θ ← θ + u}. Only a wrapper that replaces θ itself (periodic sampling) writes
         * θ here.
         */
        default void afterStep(INDArray theta) {
        }

        /** Adam's second moment, if this state (or a stage it holds) keeps one; read by a probe between steps. */
        default Optional<SecondMoment> secondMoment() {
            return Optional.empty();
        }

        /**
         * The diagonal S by which this stage (or a stage it holds) multiplies the incoming gradient at θ, if it
         * preconditions the step (PSI-SGD's ‖w_k‖², INSGD's 1/max(log P, ε)); empty for a stage that does not, or
         * before its scaling is known (INSGD before its first step). A new array; the stability thresholds read it.
         */
        default Optional<INDArray> gradientScaling(INDArray theta) {
            return Optional.empty();
        }

        /**
         * Replaces {@code v} in place by the derivative at θ (a point of the constraint) of this stage's constraint:
         * the projection onto the tangent space of the set its steps land on (unit rows, zero-mean rows). Identity
         * for a stage without a constraint. The stability thresholds measure the curvature on that tangent space.
         */
        default void projectOntoTangent(INDArray v, INDArray theta) {
        }

        /**
         * Whether this stage (or a stage it holds) projects θ onto a constraint after the inner step (unit rows,
         * zero-mean rows): then the step is no longer the plain gradient step the predictions of sim/docs/math.md §7
         * assume.
         */
        default boolean constrains() {
            return false;
        }
    }

    /**
     * Adam's bias-corrected second moment {@code v̂ = v/(1−Πβ₂)} after its last update, and how many updates it has
     * taken (≥ 1; before the first there is none). The array is the stage's own: read it, never write it.
     */
    record SecondMoment(INDArray corrected, long updates) {
    }
}
