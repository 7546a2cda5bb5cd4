package org.normlab.sim.optim;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.model.Params;

/** Stages applied one after the other (Optax {@code chain}); the hyperparameters are the stages' in order. */
final class Chain implements Transform {
    private final List<Transform> stages;
    private final Hyperparameters hyperparameters;

    Chain(List<Transform> stages) {
        this.stages = List.copyOf(stages);
        this.hyperparameters = Hyperparameters.concat(this.stages.stream().map(Transform::hyperparameters).toList());
    }

    @Override
    public State init(Params params, INDArray theta) {
        List<State> states = stages.stream().map(s -> s.init(params, theta)).toList();
        return new State() {
            @Override
            public void update(INDArray u, INDArray theta) {
                for (State s : states) {
                    s.update(u, theta);
                }
            }

            @Override
            public void afterStep(INDArray theta) {
                for (State s : states) {
                    s.afterStep(theta);
                }
            }

            @Override
            public Optional<SecondMoment> secondMoment() {
                return states.stream().flatMap(s -> s.secondMoment().stream()).findFirst();
            }

            @Override
            public Optional<INDArray> gradientScaling(INDArray theta) {
                return states.stream().flatMap(s -> s.gradientScaling(theta).stream()).reduce(INDArray::muli);
            }

            @Override
            public void projectOntoTangent(INDArray v, INDArray theta) {
                for (State s : states) {
                    s.projectOntoTangent(v, theta);
                }
            }

            @Override
            public boolean constrains() {
                return states.stream().anyMatch(State::constrains);
            }
        };
    }

    @Override
    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }
}
