package org.normlab.sim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.data.DataKind;
import org.normlab.sim.data.DataSpec;
import org.normlab.sim.data.Dataset;
import org.normlab.sim.data.InputPlane;
import org.normlab.sim.run.Experiment;
import org.normlab.sim.run.ExperimentFile;
import org.normlab.sim.run.Run;

/**
 * Decision maps against the network's own outputs at inputs mapped independently of {@link InputPlane}, and runs
 * trained with and without maps.
 */
class DecisionMapperTest {
    /** Outputs of the same arithmetic on inputs that differ by the rounding of an affine interpolation. */
    private static final double TOLERANCE = 1e-12;
    private static final int STEPS = 25;
    private static final int GRID = 16;
    private static final Path NO_ASSETS = Path.of("no-assets");

    /** Spirals embedded in 8-D, a BN net 8→12→12→2, INSGD (it reads its layers' cached inputs) or {@code optimizer}. */
    private static Experiment experiment(String loss, String optimizer) {
        return ExperimentFile.parse("""
                {"name": "plane",
                 "data": {"kind": "spirals", "size": 200, "embedDimension": 8, "seed": 2},
                 "network": {"hiddenWidths": [12, 12], "loss": "%s", "seed": 3},
                 "training": {"steps": %d, "batchSize": 16, "orderSeed": 4},
                 "runs": [{"name": "run", "optimizer": %s}]}
                """.formatted(loss, STEPS, optimizer), "plane.json");
    }

    private static Run trained(Experiment e) {
        Run run = new Run(e, e.runs().get(0), e.data().load(NO_ASSETS).train());
        for (int i = 0; i < STEPS; i++) {
            run.step();
        }
        return run;
    }

    @Test
    void crossEntropyMapsTheLargestSoftmaxProbabilityOfTheOutputsAtTheCell() {
        Experiment e = experiment("cross_entropy", "{\"name\": \"momentum\", \"learningRate\": 0.1}");
        Run run = trained(e);
        DecisionMap map = new DecisionMapper(run.network(), e.data().inputPlane().orElseThrow(), GRID).map(STEPS);
        assertEquals(STEPS, map.step());
        assertEquals(2, map.classes());
        Cells cells = new Cells(e.data());
        double[][] outputs = run.network().outputs(cells.inputs(map), BatchNormMode.EVAL).toDoubleMatrix();
        for (int i = 0; i < Cells.PICKED.length; i++) {
            int row = Cells.PICKED[i][0];
            int column = Cells.PICKED[i][1];
            double[] f = outputs[i];
            int largest = f[1] > f[0] ? 1 : 0;
            double p = 1 / (1 + Math.exp(f[1 - largest] - f[largest]));
            assertEquals(largest, map.predicted(row, column), "class of cell " + row + "," + column);
            assertEquals(p, map.confidence(row, column), TOLERANCE, "confidence of cell " + row + "," + column);
        }
    }

    @Test
    void halfMseMapsTheLargestOutputWithItsMarginAsConfidence() {
        Experiment e = experiment("half_mse", "{\"name\": \"sgd\", \"learningRate\": 0.1}");
        Run run = trained(e);
        DecisionMap map = new DecisionMapper(run.network(), e.data().inputPlane().orElseThrow(), GRID).map(STEPS);
        double[][] outputs = run.network().outputs(new Cells(e.data()).inputs(map), BatchNormMode.EVAL)
                .toDoubleMatrix();
        for (int i = 0; i < Cells.PICKED.length; i++) {
            int row = Cells.PICKED[i][0];
            int column = Cells.PICKED[i][1];
            double[] f = outputs[i];
            int largest = f[1] > f[0] ? 1 : 0;
            double margin = Math.min(f[largest] - f[1 - largest], 1);
            assertEquals(largest, map.predicted(row, column), "class of cell " + row + "," + column);
            assertEquals(0.5 + 0.5 * margin, map.confidence(row, column), TOLERANCE,
                    "confidence of cell " + row + "," + column);
        }
    }

    @Test
    void mappingEveryStepLeavesTheTrajectoryBitForBit() {
        Experiment e = experiment("cross_entropy", "{\"name\": \"insgd\"}");
        Dataset train = e.data().load(NO_ASSETS).train();
        Run plain = new Run(e, e.runs().get(0), train);
        Run mapped = new Run(e, e.runs().get(0), train);
        DecisionMapper mapper = new DecisionMapper(mapped.network(), e.data().inputPlane().orElseThrow(), GRID);
        for (int step = 1; step <= STEPS; step++) {
            mapper.map(step - 1);
            plain.step();
            mapped.step();
            assertEquals(plain.loss(), mapped.loss(), "loss of step " + step);
        }
        assertArrayEquals(plain.network().theta().toDoubleVector(), mapped.network().theta().toDoubleVector(),
                "θ after " + STEPS + " steps");
        List<INDArray> plainStatistics = plain.network().copyRunningStatistics();
        List<INDArray> mappedStatistics = mapped.network().copyRunningStatistics();
        for (int i = 0; i < plainStatistics.size(); i++) {
            assertArrayEquals(plainStatistics.get(i).toDoubleVector(), mappedStatistics.get(i).toDoubleVector(),
                    "running statistics " + i);
        }
    }

    @Test
    void refusesAPlaneThatDoesNotFitTheNetwork() {
        InputPlane plane = DataSpec.defaults(DataKind.MOONS).inputPlane().orElseThrow();
        Network network = new Network(NetworkSpec.of(8, List.of(4), 2, 1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DecisionMapper(network, plane, GRID));
        assertTrue(e.getMessage().contains("2 inputs"), e.getMessage());
    }

    /**
     * Network inputs of a few cell centres, found without {@link InputPlane}: the plane → input map is affine, so a
     * plane point q = p0 + a (p1 − p0) + b (p2 − p0) of three training points goes to f0 + a (f1 − f0) + b (f2 − f0)
     * of their loaded inputs.
     */
    private static final class Cells {
        /** Corners, edges and inner cells of the grid, as {row, column}. */
        static final int[][] PICKED = {{0, 0}, {0, GRID - 1}, {GRID - 1, 0}, {GRID - 1, GRID - 1}, {3, 7},
                {8, 8}, {11, 2}, {5, 13}, {GRID / 2, 0}, {0, GRID / 2}};

        private final double[][] points;
        private final double[][] inputs;
        private final int[] corners;

        Cells(DataSpec spec) {
            DataSpec raw = new DataSpec(spec.kind(), spec.size(), spec.noise(), spec.classes(), spec.dimension(), 0,
                    1, false, spec.testFraction(), spec.seed(), null, null);
            points = raw.load(NO_ASSETS).train().features();
            inputs = spec.load(NO_ASSETS).train().features();
            corners = widestTriangle(points);
        }

        INDArray inputs(DecisionMap map) {
            InputPlane.Extent e = map.extent();
            double width = (e.xMax() - e.xMin()) / map.gridSize();
            double height = (e.yMax() - e.yMin()) / map.gridSize();
            double[] p0 = points[corners[0]];
            double[] u = minus(points[corners[1]], p0);
            double[] v = minus(points[corners[2]], p0);
            double determinant = u[0] * v[1] - u[1] * v[0];
            double[][] mapped = new double[PICKED.length][];
            for (int i = 0; i < PICKED.length; i++) {
                double qx = e.xMin() + (PICKED[i][1] + 0.5) * width - p0[0];
                double qy = e.yMax() - (PICKED[i][0] + 0.5) * height - p0[1];
                double a = (qx * v[1] - qy * v[0]) / determinant;
                double b = (u[0] * qy - u[1] * qx) / determinant;
                double[] f0 = inputs[corners[0]];
                double[] f1 = inputs[corners[1]];
                double[] f2 = inputs[corners[2]];
                mapped[i] = new double[f0.length];
                for (int k = 0; k < f0.length; k++) {
                    mapped[i][k] = f0[k] + a * (f1[k] - f0[k]) + b * (f2[k] - f0[k]);
                }
            }
            return Nd4j.createFromArray(mapped);
        }

        /** Three points spanning a large triangle, so the interpolation is well conditioned. */
        private static int[] widestTriangle(double[][] points) {
            int far = 0;
            for (int i = 1; i < points.length; i++) {
                if (distance(points[i], points[0]) > distance(points[far], points[0])) {
                    far = i;
                }
            }
            int third = 0;
            for (int i = 1; i < points.length; i++) {
                if (area(points[0], points[far], points[i]) > area(points[0], points[far], points[third])) {
                    third = i;
                }
            }
            return new int[] {0, far, third};
        }

        private static double[] minus(double[] a, double[] b) {
            return new double[] {a[0] - b[0], a[1] - b[1]};
        }

        private static double distance(double[] a, double[] b) {
            return Math.hypot(a[0] - b[0], a[1] - b[1]);
        }

        private static double area(double[] a, double[] b, double[] c) {
            double[] u = minus(b, a);
            double[] v = minus(c, a);
            return Math.abs(u[0] * v[1] - u[1] * v[0]);
        }
    }
}
