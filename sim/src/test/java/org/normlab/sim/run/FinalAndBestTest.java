package org.normlab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FinalAndBestTest {
    @Test
    void finalIsAtTheHighestStepAndBestSkipsNonFiniteValues() {
        FinalAndBest loss = new FinalAndBest();
        loss.add(100, 0.5);
        loss.add(0, 2.0);
        loss.add(50, Double.NaN);
        loss.add(75, 0.25);
        assertEquals(0.5, loss.last(), "the value at step 100, though added first");
        assertEquals(0.25, loss.best(true));
        assertEquals(2.0, loss.best(false));
    }

    @Test
    void aDivergedSeriesEndsOnItsLastValueAndNothingIsNaN() {
        FinalAndBest accuracy = FinalAndBest.of(new double[] {0.5, 0.9, Double.NaN});
        assertTrue(Double.isNaN(accuracy.last()), "the final evaluation is what was recorded last");
        assertEquals(0.9, accuracy.best(false));
        FinalAndBest none = FinalAndBest.of(new double[0]);
        assertTrue(none.empty());
        assertTrue(Double.isNaN(none.last()) && Double.isNaN(none.best(true)));
    }
}
