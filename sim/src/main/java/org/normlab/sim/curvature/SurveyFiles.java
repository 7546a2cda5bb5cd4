package org.normlab.sim.curvature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.SpectralDensity;

/**
 * The CSV files of a {@link CurvatureSurvey.Result}, by file name, as {@code normlab probe} writes them and
 * {@code normlab figures} reads them: the smoothed densities on their grids, the per-tensor table, the top-k
 * eigenvalues, both slices and (exact mode) the dense spectra. A part the survey did not measure has no file (the
 * top-k file's Fisher columns are then NaN). Numbers in Java's shortest exact form.
 */
public final class SurveyFiles {
    public static final String HESSIAN_DENSITY = "spectrum-hessian.csv";
    public static final String FISHER_DENSITY = "spectrum-fisher.csv";
    public static final String LAYERS = "layers.csv";
    public static final String TOP = "top-eigenvalues.csv";
    public static final String LINE = "slice-line.csv";
    public static final String PLANE = "slice-plane.csv";
    public static final String EXACT = "eigenvalues-exact.csv";
    /** The densities' Gaussian width as a fraction of their nodes' range, unless told otherwise ({@code --sigma}). */
    public static final double DEFAULT_SIGMA = 0.01;
    /** Points of each density grid. */
    public static final int DENSITY_POINTS = 400;

    private SurveyFiles() {
    }

    /**
     * The files' text by name.
     *
     * @param sigmaFraction the densities' Gaussian width as a fraction of their nodes' range
     * @param threshold     the step rule's stability threshold (2/η for GD), drawn on the line slice as the quadratic
     *                      {@code L(θ) + ½·threshold·a²}; empty where none applies
     */
    public static Map<String, String> of(CurvatureSurvey.Result r, double sigmaFraction, OptionalDouble threshold) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(HESSIAN_DENSITY, density(r.hessianDensity(), sigmaFraction));
        r.fisherDensity().ifPresent(d -> files.put(FISHER_DENSITY, density(d, sigmaFraction)));
        if (!r.layers().isEmpty()) {
            StringBuilder layers = new StringBuilder("tensor,size,top_eig,error_bound,trace,trace_standard_error\n");
            for (LayerCurvature.Block b : r.layers()) {
                row(layers, b.tensor(), b.size(), b.top().value(), b.top().errorBound(), b.trace().mean(),
                        b.trace().standardError());
            }
            files.put(LAYERS, layers.toString());
        }
        StringBuilder top = new StringBuilder("rank,hessian,hessian_error_bound,fisher,fisher_error_bound\n");
        for (int i = 0; i < Math.max(r.hessianTop().size(), r.fisherTop().size()); i++) {
            row(top, i + 1, value(r.hessianTop(), i), bound(r.hessianTop(), i), value(r.fisherTop(), i),
                    bound(r.fisherTop(), i));
        }
        files.put(TOP, top.toString());
        CurvatureSurvey.Line line = r.line();
        StringBuilder lineCsv = new StringBuilder("offset,loss,quadratic" + (threshold.isPresent() ? ",threshold_quadratic"
                : "") + "\n");
        for (int i = 0; i < line.offsets().length; i++) {
            double a = line.offsets()[i];
            double quadratic = line.lossAtOrigin() + 0.5 * line.curvature() * a * a;
            if (threshold.isPresent()) {
                row(lineCsv, a, line.losses()[i], quadratic, line.lossAtOrigin() + 0.5 * threshold.getAsDouble() * a * a);
            } else {
                row(lineCsv, a, line.losses()[i], quadratic);
            }
        }
        files.put(LINE, lineCsv.toString());
        r.plane().ifPresent(plane -> {
            StringBuilder planeCsv = new StringBuilder("a,b,loss\n");
            for (int i = 0; i < plane.a().length; i++) {
                for (int j = 0; j < plane.b().length; j++) {
                    row(planeCsv, plane.a()[i], plane.b()[j], plane.losses()[i][j]);
                }
            }
            files.put(PLANE, planeCsv.toString());
        });
        r.exactHessian().ifPresent(h -> {
            StringBuilder exact = new StringBuilder("index,hessian,fisher\n");
            double[] f = r.exactFisher().map(CurvatureSurvey.Exact::eigenvalues).orElse(null);
            for (int i = 0; i < h.eigenvalues().length; i++) {
                row(exact, i, h.eigenvalues()[i], f != null ? f[i] : Double.NaN);
            }
            files.put(EXACT, exact.toString());
        });
        return files;
    }

    private static String density(SpectralDensity d, double sigmaFraction) {
        double sigma = d.sigma(sigmaFraction);
        double[] t = d.grid(DENSITY_POINTS, sigma);
        double[] phi = d.density(t, sigma);
        StringBuilder csv = new StringBuilder("eigenvalue,density\n");
        for (int i = 0; i < t.length; i++) {
            row(csv, t[i], phi[i]);
        }
        return csv.toString();
    }

    private static double value(List<EigenEstimate> top, int i) {
        return i < top.size() ? top.get(i).value() : Double.NaN;
    }

    private static double bound(List<EigenEstimate> top, int i) {
        return i < top.size() ? top.get(i).errorBound() : Double.NaN;
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            csv.append(i > 0 ? "," : "").append(cells[i]);
        }
        csv.append('\n');
    }
}
