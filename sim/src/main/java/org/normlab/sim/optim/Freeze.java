package org.normlab.sim.optim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.normlab.sim.model.Params;

/**
 * The tensors of a run that its optimizer never changes, given by tensor name ({@code W0}, {@code gamma0},
 * {@code beta0}, {@code b2}, … as {@link Params} names them) or by group: {@code gamma} (every BatchNorm γ),
 * {@code beta} (every BatchNorm β), {@code classifier} (the last Linear layer's weights and bias). Freezing every
 * tensor that is not a scale-invariant row leaves a network whose parameters are all scale-invariant (with
 * BatchNorm ε = 0), the setting of Li &amp; Arora (sim/docs/math.md, "Weight decay is a growing learning rate").
 */
public final class Freeze implements Predicate<Params.Tensor> {
    /** The group words, in the order messages list them. */
    public static final List<String> GROUPS = List.of("gamma", "beta", "classifier");

    private final Set<String> tensors;

    private Freeze(Set<String> tensors) {
        this.tensors = tensors;
    }

    /**
     * The tensors of {@code layout} that {@code names} freezes.
     *
     * @throws IllegalArgumentException "freeze[i] 'x' is not a tensor or group of this network; allowed: …" for a
     *                                  name the layout does not have, or one given twice
     */
    public static Freeze of(List<String> names, Params layout) {
        Set<String> frozen = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Params.Tensor> all = layout.tensors();
        Params.Tensor classifier = all.stream().filter(t -> t.role() == Params.Role.WEIGHT)
                .reduce((a, b) -> b).orElseThrow();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !seen.add(name)) {
                throw new IllegalArgumentException("freeze[" + i + "] must name a tensor or group not listed "
                        + "before, was " + (name == null ? "null" : "'" + name + "'"));
            }
            List<Params.Tensor> chosen = switch (name) {
                case "gamma" -> all.stream().filter(t -> t.role() == Params.Role.BN_SCALE).toList();
                case "beta" -> all.stream().filter(t -> t.role() == Params.Role.BN_SHIFT).toList();
                case "classifier" -> all.stream().filter(t -> t.index() >= classifier.index()
                        && (t.role() == Params.Role.WEIGHT || t.role() == Params.Role.BIAS)).toList();
                default -> all.stream().filter(t -> t.name().equals(name)).toList();
            };
            if (chosen.isEmpty()) {
                List<String> allowed = new ArrayList<>(GROUPS);
                all.forEach(t -> allowed.add(t.name()));
                throw new IllegalArgumentException("freeze[" + i + "] '" + name + "' is not a tensor or group of "
                        + "this network" + (GROUPS.contains(name) ? " (it has none)" : "") + "; allowed: "
                        + String.join(", ", allowed));
            }
            chosen.forEach(t -> frozen.add(t.name()));
        }
        return new Freeze(frozen);
    }

    /** Whether tensor {@code t} is frozen. */
    @Override
    public boolean test(Params.Tensor t) {
        return tensors.contains(t.name());
    }

    /** Whether nothing is frozen. */
    public boolean isEmpty() {
        return tensors.isEmpty();
    }

    /** The frozen tensors' names, in the order given. */
    public Set<String> tensors() {
        return Set.copyOf(tensors);
    }
}
