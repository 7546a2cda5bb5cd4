package org.normlab.sim.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Cholesky proof of full rank (sim/docs/math.md §4.3) against matrices of known spectrum and against the
 * eigendecomposition it stands in for: whenever it claims full rank, the eigensolver finds no null space.
 */
class FullRankTest {
    static final double TAU = OrthogonalNoise.DEFAULT_TAU;

    /** Q diag(λ) Qᵀ with Q orthonormal (Gram–Schmidt of a seeded Gaussian matrix). */
    static double[][] withSpectrum(double[] lambda, long seed) {
        int d = lambda.length;
        Random random = new Random(seed);
        double[][] q = new double[d][d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = random.nextGaussian();
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < c; b++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += v[i] * q[i][b];
                    }
                    for (int i = 0; i < d; i++) {
                        v[i] -= dot * q[i][b];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            for (int i = 0; i < d; i++) {
                q[i][c] = v[i] / Math.sqrt(norm);
            }
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    s[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        return s;
    }

    static double[] spectrum(int d, double smallest) {
        double[] lambda = new double[d];
        for (int k = 0; k < d; k++) {
            lambda[k] = 1.0 / (k + 1);
        }
        lambda[d - 1] = smallest;
        return lambda;
    }

    @Test
    void choleskyReproducesAKnownFactor() {
        int d = 12;
        Random random = new Random(3);
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                l[i][j] = random.nextGaussian();
            }
            l[i][i] = 1 + random.nextDouble();
        }
        double shift = 0.25;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    a[i][j] += l[i][k] * l[j][k];
                }
            }
            a[i][i] += shift;
        }
        assertTrue(FullRank.choleskyAfterShift(a, shift));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                assertEquals(l[i][j], a[i][j], 1e-12 * Math.abs(l[i][i]), "L[" + i + "][" + j + "]");
            }
        }
    }

    /** Proven exactly when λ_min is clearly above the cut; never near or below it, never with a zero direction. */
    @Test
    void decidesByTheSmallestEigenvalue() {
        int d = 30;
        double trace = 0;
        for (double x : spectrum(d, 0)) {
            trace += x;
        }
        assertTrue(FullRank.proven(withSpectrum(spectrum(d, 1e-3), 1), TAU));
        assertTrue(FullRank.proven(withSpectrum(spectrum(d, 10 * TAU * trace), 2), TAU));
        assertFalse(FullRank.proven(withSpectrum(spectrum(d, 1.5 * TAU), 3), TAU), "between τ·λ_max and the margin");
        assertFalse(FullRank.proven(withSpectrum(spectrum(d, 0.5 * TAU), 4), TAU), "below the cut");
        assertFalse(FullRank.proven(withSpectrum(spectrum(d, 0), 5), TAU), "singular");
        assertFalse(FullRank.proven(new double[d][d], TAU), "zero");
        double[][] nan = withSpectrum(spectrum(d, 1e-3), 6);
        nan[7][3] = Double.NaN;
        assertFalse(FullRank.proven(nan, TAU), "not a number");
    }

    /**
     * From a Gram T of some rows, the decision weighs λ_min(T) against S's trace: T whose λ_min is 10τ times S's
     * trace is proven; the same T is refused once S's trace is 10 times larger (then λ_min(T) is τ·tr S, inside the
     * margin), although T alone would be proven.
     */
    @Test
    void decidesByTheRowsSmallestEigenvalueAgainstTheWholeTrace() {
        int d = 30;
        double[] lambda = spectrum(d, 0);
        double traceOfT = 0;
        for (double x : lambda) {
            traceOfT += x;
        }
        double traceOfS = 4 * traceOfT;
        lambda[d - 1] = 10 * TAU * traceOfS;
        long rounded = 3 * d;
        assertTrue(FullRank.proven(withSpectrum(lambda, 7), traceOfS, rounded, TAU));
        assertFalse(FullRank.proven(withSpectrum(lambda, 7), 10 * traceOfS, rounded, TAU), "inside the margin");
        assertTrue(FullRank.proven(withSpectrum(lambda, 7), TAU), "T alone");
        assertFalse(FullRank.proven(withSpectrum(lambda, 7), Double.NaN, rounded, TAU), "trace not a number");
    }

    /**
     * Inputs with many more rows than columns: the proof from the first rows' Gram decides full rank exactly when
     * the eigendecomposition of the whole S finds no null space, and when some rows' directions are missing from the
     * first rows (the last rows alone reach column 0) the whole S still decides; distances agree with the
     * eigenvectors' to 1e-12.
     */
    @Test
    void firstRowsAgreeWithTheEigendecomposition() {
        Random random = new Random(13);
        int d = 24;
        int n = 8 * d;
        INDArray w = Nd4j.create(randomMatrix(random, 5, d));
        for (int variant = 0; variant < 3; variant++) {
            double[][] x = randomMatrix(random, n, d);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = Math.max(0, x[i][j]);
                    if (variant == 1 && j == 2) {
                        x[i][j] = 0; // a dead unit
                    }
                    if (variant == 2 && j == 0) {
                        x[i][j] = i < n - 3 ? 0 : 1 + x[i][j]; // only the last rows reach column 0
                    }
                }
            }
            INDArray inputs = Nd4j.create(x);
            NullSpace fast = NullSpace.of(inputs, TAU);
            NullSpace reference = NullSpace.byEigenvectors(inputs.transpose().mmul(inputs).divi(n), TAU);
            assertEquals(variant == 1 ? d - 1 : d, reference.rank(), "variant " + variant);
            assertEquals(reference.rank(), fast.rank(), "variant " + variant);
            assertArrayEquals(reference.orthogonalRowNorms(w), fast.orthogonalRowNorms(w), 1e-12, "variant " + variant);
        }
        int sample = NullSpace.SAMPLE_PER_COLUMN * d;
        double[][] late = randomMatrix(random, n, d);
        for (int i = 0; i < sample; i++) {
            late[i][0] = 0;
        }
        double[][] firstRows = new double[d][d];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                trace += late[i][j] * late[i][j];
            }
        }
        for (int i = 0; i < sample; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    firstRows[j][k] += late[i][j] * late[i][k];
                }
            }
        }
        assertFalse(FullRank.proven(firstRows, trace, sample + n, TAU), "the first rows miss column 0");
        assertEquals(d, NullSpace.of(Nd4j.create(late), TAU).rank(), "the whole S spans it");
    }

    /**
     * Layer inputs like a BN ReLU layer's (rectified Gaussians), some with dead units or a copied column: the null
     * space from the Cholesky route and from the eigenvectors alone agree in rank and in every row's distance.
     */
    @Test
    void agreesWithTheEigendecomposition() {
        Random random = new Random(11);
        int n = 300;
        int d = 40;
        INDArray w = Nd4j.create(randomMatrix(random, 7, d));
        for (int variant = 0; variant < 4; variant++) {
            double[][] x = randomMatrix(random, n, d);
            for (double[] row : x) {
                for (int j = 0; j < d; j++) {
                    row[j] = Math.max(0, row[j]);
                    if (variant == 1 && j < 3) {
                        row[j] = 0; // dead units
                    }
                    if (variant == 2 && j == 5) {
                        row[j] = row[4]; // a repeated feature
                    }
                }
            }
            INDArray inputs = Nd4j.create(x);
            NullSpace fast = NullSpace.of(inputs, TAU);
            NullSpace reference = NullSpace.byEigenvectors(inputs.transpose().mmul(inputs).divi(n), TAU);
            int expectedRank = variant == 1 ? d - 3 : variant == 2 ? d - 1 : d;
            assertEquals(expectedRank, reference.rank(), "variant " + variant);
            assertEquals(reference.rank(), fast.rank(), "variant " + variant);
            assertArrayEquals(reference.orthogonalRowNorms(w), fast.orthogonalRowNorms(w), 1e-12, "variant " + variant);
        }
    }

    /** The bulk copy of a matrix's rows equals ND4J's element-by-element one, whatever the array's ordering. */
    @Test
    void rowsAreTheMatrixsRows() {
        double[][] m = randomMatrix(new Random(5), 6, 6);
        INDArray c = Nd4j.create(m);
        assertArrayEquals(m, NullSpace.rows(c));
        assertArrayEquals(m, NullSpace.rows(c.dup('f')));
        assertArrayEquals(c.transpose().toDoubleMatrix(), NullSpace.rows(c.transpose()));
    }

    static double[][] randomMatrix(Random random, int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }
}
