package org.normlab.sim.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.normlab.sim.curvature.BatchSharpness;
import org.normlab.sim.curvature.CurvatureSurvey;
import org.normlab.sim.curvature.LayerCurvature;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.SampleMean;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.run.TextTable;

/**
 * The console text of a {@link CurvatureSurvey.Result} of the parts {@code normlab probe} measures (all but the dense
 * spectra, and those with {@code --exact}), as it prints it after its estimates.
 */
final class SurveyReport {
    private SurveyReport() {
    }

    static String of(CurvatureSurvey.Result r, CurvatureSurvey.Settings s, double sigma) {
        StringBuilder text = new StringBuilder();
        line(text, "");
        line(text, "curvature survey (sim/docs/math.md §9): the loss's Hessian H and Fisher F on the probe set, "
                + "%d parameters", r.parameters());
        TextTable top = new TextTable("rank", "H eigenvalue", "H bound", "F eigenvalue", "F bound", "converged");
        for (int i = 0; i < Math.max(r.hessianTop().size(), r.fisherTop().size()); i++) {
            top.add("λ" + (i + 1), value(r.hessianTop(), i), bound(r.hessianTop(), i), value(r.fisherTop(), i),
                    bound(r.fisherTop(), i), converged(r.hessianTop(), i) && converged(r.fisherTop(), i) ? "yes" : "NO");
        }
        text.append(top);
        SampleMean hTrace = r.hessianDensity().traceOfPower(1);
        SampleMean fTrace = r.fisherDensity().orElseThrow().traceOfPower(1);
        line(text, "trace (Hutchinson, %d probes): H %s ± %s, F %s ± %s", s.probes(), number(hTrace.mean()),
                number(hTrace.standardError()), number(fTrace.mean()), number(fTrace.standardError()));
        line(text, "spectral density (stochastic Lanczos quadrature, %d probes × %d steps, σ = %s of the range): "
                + "%s; %s", s.probes(), s.quadratureSteps(), number(sigma), density("H", r.hessianDensity(), sigma),
                density("F", r.fisherDensity().orElseThrow(), sigma));
        r.batch().ifPresentOrElse(b -> batch(text, b, s.batchSize(), r.hessianTop().get(0)),
                () -> line(text, "batch sharpness: %s", s.batchSize() == 0
                        ? "full-batch training, the same as λ1(H)"
                        : "the batch size " + s.batchSize() + " exceeds the probe set"));
        TextTable layers = new TextTable("tensor", "size", "λ_max(H_BB)", "bound", "tr(H_BB)", "± SE");
        for (LayerCurvature.Block b : r.layers()) {
            layers.add(b.tensor(), Long.toString(b.size()), number(b.top().value()), number(b.top().errorBound()),
                    number(b.trace().mean()), number(b.trace().standardError()));
        }
        line(text, "per-tensor curvature (the Hessian's diagonal block of each tensor):");
        text.append(layers);
        CurvatureSurvey.Line l = r.line();
        int end = l.offsets().length - 1;
        line(text, "slice along the unit top eigenvector: L(θ) = %s; at a = ±%s L = %s / %s, the quadratic "
                + "L(θ) + ½λ1a² = %s", number(l.lossAtOrigin()), number(l.offsets()[end]), number(l.losses()[0]),
                number(l.losses()[end]), number(l.lossAtOrigin() + 0.5 * l.curvature() * l.offsets()[end]
                        * l.offsets()[end]));
        CurvatureSurvey.PlaneSlice plane = r.plane().orElseThrow();
        double[] all = Arrays.stream(plane.losses()).flatMapToDouble(Arrays::stream).toArray();
        line(text, "plane slice (top eigenvector, %s direction; filter-normalized, ±%s): loss from %s to %s",
                plane.second() == CurvatureSurvey.Plane.RANDOM ? "random" : "second eigenvector",
                number(s.planeRadius()), number(Arrays.stream(all).min().orElseThrow()),
                number(Arrays.stream(all).max().orElseThrow()));
        r.exactHessian().ifPresent(h -> {
            exact(text, "H", h, r.hessianTop(), hTrace);
            exact(text, "F", r.exactFisher().orElseThrow(), r.fisherTop(), fTrace);
        });
        return text.toString();
    }

    private static void batch(StringBuilder text, BatchSharpness.Result b, int batchSize, EigenEstimate full) {
        double[] values = Arrays.stream(b.batches()).mapToDouble(EigenEstimate::value).toArray();
        line(text, "batch sharpness (batch size %d, %d batches of the probe set, each with its own BN statistics): "
                + "%s ± %s (from %s to %s%s); full batch λ1(H) = %s", batchSize, values.length,
                number(b.mean().mean()), number(b.mean().standardError()),
                number(Arrays.stream(values).min().orElseThrow()), number(Arrays.stream(values).max().orElseThrow()),
                b.converged() ? "" : ", NOT all converged", number(full.value()));
    }

    private static void exact(StringBuilder text, String name, CurvatureSurvey.Exact e, List<EigenEstimate> top,
                              SampleMean trace) {
        double[] values = e.eigenvalues();
        double worst = 0;
        for (int i = 0; i < top.size(); i++) {
            worst = Math.max(worst, Math.abs(top.get(i).value() - values[values.length - 1 - i]));
        }
        line(text, "exact %s (dense, asymmetry %s): eigenvalues from %s to %s, trace %s (Hutchinson off by %s "
                + "standard errors); top %d estimates off by at most %s", name, number(e.asymmetry()),
                number(values[0]), number(values[values.length - 1]), number(e.trace()),
                String.format(Locale.ROOT, "%.2f", Math.abs(trace.mean() - e.trace()) / trace.standardError()),
                top.size(), number(worst));
    }

    /** The nodes' range and the weight clearly below 0 (beyond −σ: near-zero nodes fall on either side). */
    private static String density(String name, SpectralDensity d, double sigma) {
        return String.format(Locale.ROOT, "%s from %s to %s, %.1f%% of it below −σ", name, number(d.lowest()),
                number(d.highest()), 100 * d.fractionBelow(-d.sigma(sigma)));
    }

    private static String value(List<EigenEstimate> top, int i) {
        return i < top.size() ? number(top.get(i).value()) : "-";
    }

    private static String bound(List<EigenEstimate> top, int i) {
        return i < top.size() ? number(top.get(i).errorBound()) : "-";
    }

    private static boolean converged(List<EigenEstimate> top, int i) {
        return i >= top.size() || top.get(i).converged();
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
