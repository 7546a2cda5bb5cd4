package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.normlab.sim.model.Params;

/**
 * Applies {@code inner} only to the tensors {@code selection} accepts; the others pass through unchanged, bit for bit
 * (Optax {@code masked}). The inner stage runs on the whole vector; the entries it must not change are saved before
 * and copied back after, one call per run of adjacent unselected tensors (for a weights-only mask: the small γ, β and
 * bias vectors). This equals running the inner stage on the subset alone because every stage here acts entry by
 * entry or row by row within a tensor.
 */
final class Masked implements Transform {
    private final Predicate<Params.Tensor> selection;
    private final Transform inner;

    Masked(Predicate<Params.Tensor> selection, Transform inner) {
        this.selection = selection;
        this.inner = inner;
    }

    @Override
    public State init(Params params, INDArray theta0) {
        List<long[]> kept = ranges(params, selection.negate());
        INDArray[] saved = kept.stream().map(r -> Nd4j.zeros(r[1] - r[0])).toArray(INDArray[]::new);
        State innerState = inner.init(params, theta0);
        return new State() {
            private INDArray viewed;
            private INDArray[] views;

            @Override
            public void update(INDArray u, INDArray theta) {
                if (u != viewed) {
                    viewed = u;
                    views = kept.stream().map(r -> u.get(NDArrayIndex.interval(r[0], r[1]))).toArray(INDArray[]::new);
                }
                for (int i = 0; i < views.length; i++) {
                    saved[i].assign(views[i]);
                }
                innerState.update(u, theta);
                for (int i = 0; i < views.length; i++) {
                    views[i].assign(saved[i]);
                }
            }

            @Override
            public void afterStep(INDArray theta) {
                innerState.afterStep(theta);
            }
        };
    }

    /** [start, end) offsets of the maximal runs of adjacent tensors that {@code which} accepts. */
    static List<long[]> ranges(Params params, Predicate<Params.Tensor> which) {
        List<long[]> ranges = new ArrayList<>();
        for (Params.Tensor t : params.tensors()) {
            if (!which.test(t)) {
                continue;
            }
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] == t.offset()) {
                last[1] += t.length();
            } else {
                ranges.add(new long[] {t.offset(), t.offset() + t.length()});
            }
        }
        return ranges;
    }

    @Override
    public Hyperparameters hyperparameters() {
        return inner.hyperparameters();
    }
}
