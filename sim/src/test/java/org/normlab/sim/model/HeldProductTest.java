package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.normlab.sim.data.Batch;

/**
 * Large side-effect-free passes share the first layer's product ({@link HeldProduct}): an evaluation in eval mode and
 * a train-mode pass over the same examples at the same θ compute it once, and every result still equals, bit for
 * bit, that of a fresh network at the same point — whatever changed in between: θ or the batch written in place, a
 * training pass that overwrote the product, another batch of the same shape.
 */
class HeldProductTest {
    private final Batch batch = TestNetworks.batch(Network.SHARED_MIN_ROWS, 4, 3, 5);

    @ParameterizedTest
    @MethodSource(DerivativesTest.VARIETY)
    void sharedPassesEqualThoseOfAFreshNetwork(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        check(net, batch);
        long before = net.firstLayerProducts();
        check(net, batch); // eval, train-mode loss and gradient: all on the product held
        assertEquals(before, net.firstLayerProducts(), spec + ": the held product was recomputed");

        Params.Tensor w0 = net.params().tensor("W0");
        net.theta().putScalar(w0.offset() + w0.length() - 1, 0.25); // an optimizer's in-place write of W0
        check(net, batch);
        assertEquals(before + 1, net.firstLayerProducts(), spec + ": a stale product was reused after W0 changed");

        batch.x().putScalar(batch.x().length() - 1, -1.5); // a batch buffer refilled in place
        check(net, batch);
        assertEquals(before + 2, net.firstLayerProducts(), spec + ": a stale product was reused for new examples");

        Batch other = TestNetworks.batch(Network.SHARED_MIN_ROWS, 4, 3, 6); // same shape, other examples
        check(net, other);
        check(net, batch);
        assertEquals(before + 4, net.firstLayerProducts(), spec + ": a product was reused for other examples");
    }

    /** A training pass overwrites the held product: the next shared pass, even at the held θ, computes it anew. */
    @ParameterizedTest
    @MethodSource(DerivativesTest.VARIETY)
    void aTrainingPassOverwritesTheHeldProduct(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        check(net, batch);
        INDArray held = net.theta().dup();
        net.theta().muli(1.5);
        net.lossAndGradient(batch, net.params().zeros()); // writes x (1.5 W0)ᵀ where x W0ᵀ was held
        net.theta().assign(held);
        check(net, batch);
    }

    @Test
    void smallPassesHoldNothing() {
        Network net = TestNetworks.network(TestNetworks.variety().get(0));
        Batch small = TestNetworks.batch(Network.SHARED_MIN_ROWS - 1, 4, 3, 5);
        net.evaluate(small, BatchNormMode.EVAL);
        net.evaluate(small, BatchNormMode.EVAL);
        assertEquals(2, net.firstLayerProducts());
    }

    /** Eval-mode evaluation, train-mode loss and gradient on {@code on}, each against a fresh network's. */
    private static void check(Network net, Batch on) {
        Network fresh = TestNetworks.copy(net);
        assertEquals(fresh.evaluate(on, BatchNormMode.EVAL), net.evaluate(on, BatchNormMode.EVAL), net.spec() + " eval");
        assertEquals(fresh.loss(on, BatchNormMode.TRAIN), net.loss(on, BatchNormMode.TRAIN), net.spec() + " loss");
        INDArray expected = fresh.params().zeros();
        INDArray actual = net.params().zeros();
        assertEquals(fresh.gradient(on, BatchNormMode.TRAIN, expected), net.gradient(on, BatchNormMode.TRAIN, actual));
        assertArrayEquals(expected.toDoubleVector(), actual.toDoubleVector(), net.spec() + " gradient");
    }
}
