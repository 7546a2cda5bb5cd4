package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.Batch;

/**
 * Curvature products reuse the forward and backward passes a network holds for their point ({@link HeldPoint}); each
 * product must still equal, bit for bit, that of a fresh network at the same point, whatever changed in between:
 * θ or the batch written in place, running statistics restored, other passes, the other curvature's products.
 */
class HeldPointTest {
    private final Batch batch = TestNetworks.batch(12, 4, 3, 5);

    @ParameterizedTest
    @MethodSource(DerivativesTest.VARIETY)
    void productsAtAHeldPointEqualThoseOfAFreshNetwork(NetworkSpec spec) {
        Network net = TestNetworks.network(spec);
        Random random = new Random(7);
        check(net, BatchNormMode.TRAIN, random); // the passes are computed
        check(net, BatchNormMode.TRAIN, random); // … and held
        net.theta().addi(direction(net, random).muli(1e-3)); // an optimizer's in-place step
        check(net, BatchNormMode.TRAIN, random);
        batch.x().addi(Nd4j.createFromArray(gaussian(random, (int) batch.x().length())).reshape(batch.x().shape()));
        check(net, BatchNormMode.TRAIN, random); // a refilled batch buffer
        net.lossAndGradient(batch, net.params().zeros()); // a training pass moves the running statistics
        check(net, BatchNormMode.EVAL, random);
        for (String bn : net.batchNormNames()) {
            net.runningStatistics(bn)[1].muli(1.5); // a restored checkpoint, in place
        }
        check(net, BatchNormMode.EVAL, random);
        check(net, BatchNormMode.TRAIN, random);
    }

    /** A Gauss–Newton, a Hessian and again a Gauss–Newton product, each against a fresh network's. */
    private void check(Network net, BatchNormMode mode, Random random) {
        for (boolean hessian : new boolean[] {false, true, false}) {
            INDArray v = direction(net, random);
            Network fresh = TestNetworks.copy(net);
            INDArray expected = fresh.params().zeros();
            INDArray actual = net.params().zeros();
            if (hessian) {
                fresh.hessianVectorProduct(batch, mode, v, expected);
                net.hessianVectorProduct(batch, mode, v, actual);
            } else {
                fresh.gaussNewtonVectorProduct(batch, mode, v, expected);
                net.gaussNewtonVectorProduct(batch, mode, v, actual);
            }
            assertArrayEquals(expected.toDoubleVector(), actual.toDoubleVector(),
                    net.spec() + (hessian ? " Hv" : " Gv") + " in " + mode);
        }
    }

    private static INDArray direction(Network net, Random random) {
        return Nd4j.createFromArray(gaussian(random, (int) net.params().size()));
    }

    private static double[] gaussian(Random random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }
}
