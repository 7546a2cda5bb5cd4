package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.normlab.sim.linalg.Lanczos;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.Network;
import org.normlab.sim.model.Normalization;
import org.normlab.sim.series.Estimate;
import org.normlab.sim.series.Quantity;

/** Every series a probe writes is declared in the catalogue, under the probe family's own entry. */
class CatalogueTest {

    @Test
    void everyProbeSeriesIsCatalogued() {
        Network network = new Network(ProbedTraining.spec(Normalization.BATCH_NORM, 1e-5));
        for (StepRule.Kind kind : List.of(StepRule.Kind.GD, StepRule.Kind.ADAM)) {
            for (BatchNormMode mode : BatchNormMode.values()) {
                Probes probes = Probes.of(network, kind, EnumSet.allOf(Probes.Family.class), mode, new Lanczos(),
                        new Cadence(1, 1, 1), 10, 0);
                for (String id : probes.series()) {
                    assertTrue(catalogued(id, mode), id + " (" + kind + ", " + mode + ") is not in the catalogue");
                }
            }
        }
    }

    @Test
    void idsAndCompanions() {
        assertEquals("weight.norm_sq.layer2", Quantity.WEIGHT_NORM_SQUARED.layer(2));
        assertEquals("hessian.error_bound", Estimate.boundOf(Estimate.SHARPNESS.top()));
        assertEquals("hessian_eval.top_eig", Estimate.Leaf.TOP.of(Estimate.SHARPNESS.prefix(true)));
        assertEquals("hessian.threshold", Estimate.FISHER.threshold(), "the Fisher is held against c/η");
        assertEquals("preconditioned_hessian.threshold", Estimate.PRECONDITIONED_SHARPNESS.threshold());
        assertEquals(Optional.of("‖W‖², layer 1"), Quantity.symbolOf("weight.norm_sq.layer1"));
        assertEquals(Optional.of("λ_max(F)"), Quantity.symbolOf("fisher.top_eig"));
        assertEquals(Optional.empty(), Quantity.symbolOf("fisher_eval.top_eig"));
    }

    private static boolean catalogued(String id, BatchNormMode mode) {
        for (Quantity q : Quantity.values()) {
            if (q.perLayer() ? id.matches(java.util.regex.Pattern.quote(q.id()) + "\\.layer\\d+") : id.equals(q.id())) {
                return true;
            }
        }
        for (Estimate e : Estimate.values()) {
            for (Estimate.Leaf leaf : Estimate.Leaf.values()) {
                if (id.equals(leaf.of(e.prefix(mode == BatchNormMode.EVAL)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
