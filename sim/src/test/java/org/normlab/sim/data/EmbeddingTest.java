package org.normlab.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    private static final double EXACT = 1e-12;
    /** Residual norm under which a vector counts as lying in the span found so far. */
    private static final double RANK_TOLERANCE = 1e-9;

    @Test
    void preservesPairwiseDistances() {
        Dataset data = ToyData.blobs(60, 3, 4, 0.5, 1);
        Dataset embedded = Embedding.lowRank(data, 25, 2);
        assertEquals(25, embedded.dimension());
        assertArrayEquals(data.labels(), embedded.labels());
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(distance(data.features()[i], data.features()[j]),
                        distance(embedded.features()[i], embedded.features()[j]), EXACT);
            }
            assertEquals(distance(data.features()[i], new double[4]), distance(embedded.features()[i],
                    new double[25]), EXACT, "norms are distances to the origin, which maps to the origin");
        }
    }

    @Test
    void spansExactlyTheDataDimension() {
        Dataset data = ToyData.teacherStudent(40, 3, 2, 3);
        assertEquals(3, rank(data.features()));
        assertEquals(3, rank(Embedding.lowRank(data, 30, 4).features()));
    }

    @Test
    void isSeeded() {
        Dataset data = ToyData.spirals(20, 0.1, 5);
        assertArrayEquals(Embedding.lowRank(data, 10, 6).features(), Embedding.lowRank(data, 10, 6).features());
        assertFalse(Arrays.deepEquals(Embedding.lowRank(data, 10, 6).features(),
                Embedding.lowRank(data, 10, 7).features()));
    }

    @Test
    void targetDimensionMustExceedTheDataDimension() {
        Dataset data = ToyData.spirals(20, 0.1, 5);
        assertEquals("embedding dimension must be > the data's dimension 2, was 2",
                assertThrows(IllegalArgumentException.class, () -> Embedding.lowRank(data, 2, 1)).getMessage());
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(sum);
    }

    /** Rank of a set of rows by Gram–Schmidt, relative to the largest row norm. */
    private static int rank(double[][] rows) {
        double scale = Arrays.stream(rows).mapToDouble(r -> distance(r, new double[r.length])).max().orElse(1);
        List<double[]> basis = new ArrayList<>();
        for (double[] row : rows) {
            double[] v = row.clone();
            for (double[] q : basis) {
                double projection = 0;
                for (int k = 0; k < v.length; k++) {
                    projection += v[k] * q[k];
                }
                for (int k = 0; k < v.length; k++) {
                    v[k] -= projection * q[k];
                }
            }
            double norm = distance(v, new double[v.length]);
            if (norm > RANK_TOLERANCE * scale) {
                for (int k = 0; k < v.length; k++) {
                    v[k] /= norm;
                }
                basis.add(v);
            }
        }
        return basis.size();
    }
}
