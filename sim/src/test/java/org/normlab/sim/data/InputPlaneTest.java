package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plane of a 2-D data set against what {@link DataSpec#load} makes of the same points. */
class InputPlaneTest {
    /** Rounding of an 8-dimensional embedding and a standardization of unit-scale numbers. */
    private static final double TOLERANCE = 1e-12;
    private static final Path NO_ASSETS = Path.of("no-assets");

    /** The lab's opening data: spirals embedded in 8 dimensions, standardized. */
    private static final DataSpec EMBEDDED = DataSpec.defaults(DataKind.SPIRALS).withSeed(1).withEmbedDimension(8);

    @Test
    void mapsEveryTrainingPointOntoItsLoadedInputs() {
        InputPlane plane = EMBEDDED.inputPlane().orElseThrow();
        Dataset train = EMBEDDED.load(NO_ASSETS).train();
        assertEquals(8, plane.inputDimension());
        assertEquals(train.size(), plane.points().size());
        for (int i = 0; i < train.size(); i++) {
            double[] p = plane.points().features()[i];
            assertArrayEquals(train.features()[i], plane.input(p[0], p[1]), TOLERANCE, "training example " + i);
            assertEquals(train.labels()[i], plane.points().labels()[i], "label of example " + i);
        }
    }

    @Test
    void itsPointsAreTheGeneratedTrainingPoints() {
        DataSpec raw = new DataSpec(DataKind.SPIRALS, EMBEDDED.size(), EMBEDDED.noise(), 2, 2, 0, 1, false,
                EMBEDDED.testFraction(), EMBEDDED.seed(), null, null);
        Dataset generated = raw.load(NO_ASSETS).train();
        Dataset points = EMBEDDED.inputPlane().orElseThrow().points();
        for (int i = 0; i < generated.size(); i++) {
            assertArrayEquals(generated.features()[i], points.features()[i], "training point " + i);
        }
    }

    @Test
    void withoutEmbeddingOrStandardizationTheMapIsTheIdentity() {
        DataSpec raw = DataSpec.defaults(DataKind.MOONS);
        raw = new DataSpec(raw.kind(), raw.size(), raw.noise(), raw.classes(), raw.dimension(), 0, 1, false,
                raw.testFraction(), raw.seed(), null, null);
        InputPlane plane = raw.inputPlane().orElseThrow();
        assertArrayEquals(new double[] {0.25, -1.5}, plane.input(0.25, -1.5));
    }

    @Test
    void everyPlanarGeneratorHasAPlaneWhoseSquareHoldsItsPoints() {
        DataSpec blobs = DataSpec.defaults(DataKind.BLOBS);
        for (DataSpec spec : new DataSpec[] {EMBEDDED, DataSpec.defaults(DataKind.MOONS),
                DataSpec.defaults(DataKind.CIRCLES), DataSpec.defaults(DataKind.XOR), blobs}) {
            InputPlane plane = spec.inputPlane().orElseThrow(() -> new AssertionError(spec.kind() + " has no plane"));
            InputPlane.Extent e = plane.extent();
            assertEquals(e.xMax() - e.xMin(), e.yMax() - e.yMin(), TOLERANCE, spec.kind() + ": a square");
            for (double[] p : plane.points().features()) {
                assertTrue(p[0] > e.xMin() && p[0] < e.xMax() && p[1] > e.yMin() && p[1] < e.yMax(),
                        spec.kind() + ": point (" + p[0] + ", " + p[1] + ") outside " + e);
            }
        }
    }

    @Test
    void dataNotGeneratedInThePlaneHasNone() {
        DataSpec blobs = DataSpec.defaults(DataKind.BLOBS);
        DataSpec blobs3d = new DataSpec(DataKind.BLOBS, blobs.size(), blobs.noise(), 3, 3, 0, 1, true,
                blobs.testFraction(), 0, null, null);
        assertTrue(DataSpec.defaults(DataKind.MNIST).inputPlane().isEmpty(), "MNIST");
        assertTrue(DataSpec.defaults(DataKind.TEACHER_STUDENT).inputPlane().isEmpty(), "teacher-student in 20-D");
        assertTrue(blobs3d.inputPlane().isEmpty(), "blobs in 3-D");
    }
}
