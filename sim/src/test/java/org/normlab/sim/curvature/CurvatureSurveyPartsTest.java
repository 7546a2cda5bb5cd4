package org.normlab.sim.curvature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.sim.figure.Figure;
import org.normlab.sim.figure.Style;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.SpectralDensity;
import org.normlab.sim.model.BatchNormMode;
import org.normlab.sim.model.GoldenCase;
import org.normlab.sim.report.CurvatureFigures;

/**
 * The survey measures the parts asked for and no others, and leaving parts out changes none of the numbers of those
 * measured (each part draws from its own seeds): the lab's curvature panel asks for the Hessian's top pair, density
 * and line slice only.
 */
class CurvatureSurveyPartsTest {

    private static CurvatureSurvey.Settings settings(Set<CurvatureSurvey.Part> parts) {
        return new CurvatureSurvey.Settings(2, 4, 6, 40, 1e-8, 0, 5, 1, CurvatureSurvey.Plane.RANDOM, parts, 7);
    }

    @Test
    void aSurveyOfSomePartsEqualsTheFullSurveyOnThoseParts(@TempDir Path folder) throws Exception {
        GoldenCase c = GoldenCase.load("bn-tanh-ce");
        Set<CurvatureSurvey.Part> all = EnumSet.allOf(CurvatureSurvey.Part.class);
        CurvatureSurvey.Result full = CurvatureSurvey.measure(c.network(), c.batch(), BatchNormMode.TRAIN,
                settings(all));
        CurvatureSurvey.Result light = CurvatureSurvey.measure(c.network(), c.batch(), BatchNormMode.TRAIN,
                settings(Set.of()));

        assertTrue(full.fisherDensity().isPresent() && !full.fisherTop().isEmpty() && !full.layers().isEmpty()
                && full.plane().isPresent() && full.exactHessian().isPresent() && full.exactFisher().isPresent());
        assertTrue(light.fisherDensity().isEmpty() && light.fisherTop().isEmpty() && light.layers().isEmpty()
                && light.plane().isEmpty() && light.exactHessian().isEmpty() && light.exactFisher().isEmpty());

        assertEquals(full.hessianTop().size(), light.hessianTop().size());
        for (int i = 0; i < full.hessianTop().size(); i++) {
            EigenEstimate f = full.hessianTop().get(i);
            EigenEstimate l = light.hessianTop().get(i);
            assertEquals(f.value(), l.value(), 0, "λ" + (i + 1));
            assertEquals(f.errorBound(), l.errorBound(), 0, "λ" + (i + 1) + "'s bound");
            assertArrayEquals(f.vector().toDoubleVector(), l.vector().toDoubleVector(), 0);
        }
        SpectralDensity fd = full.hessianDensity();
        SpectralDensity ld = light.hessianDensity();
        double sigma = fd.sigma(SurveyFiles.DEFAULT_SIGMA);
        assertEquals(sigma, ld.sigma(SurveyFiles.DEFAULT_SIGMA), 0);
        double[] t = fd.grid(SurveyFiles.DENSITY_POINTS, sigma);
        assertArrayEquals(t, ld.grid(SurveyFiles.DENSITY_POINTS, sigma), 0);
        assertArrayEquals(fd.density(t, sigma), ld.density(t, sigma), 0, "the density");
        for (int p = 1; p <= 3; p++) {
            assertEquals(fd.traceOfPower(p).mean(), ld.traceOfPower(p).mean(), 0, "tr(H^" + p + ")");
        }
        assertArrayEquals(full.line().offsets(), light.line().offsets(), 0);
        assertArrayEquals(full.line().losses(), light.line().losses(), 0);

        // Its files and figures: the Hessian's density and the slice, nothing of what was not measured.
        Map<String, String> files = SurveyFiles.of(light, SurveyFiles.DEFAULT_SIGMA, OptionalDouble.of(20));
        assertEquals(Set.of(SurveyFiles.HESSIAN_DENSITY, SurveyFiles.TOP, SurveyFiles.LINE), files.keySet());
        assertEquals(SurveyFiles.of(full, SurveyFiles.DEFAULT_SIGMA, OptionalDouble.of(20))
                .get(SurveyFiles.HESSIAN_DENSITY), files.get(SurveyFiles.HESSIAN_DENSITY));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        List<Figure> figures = CurvatureFigures.of(folder, "x-", Style.Width.SINGLE_COLUMN, "SansSerif", 8);
        assertEquals(List.of("x-" + CurvatureFigures.SPECTRUM, "x-" + CurvatureFigures.SLICE),
                figures.stream().map(Figure::name).toList());
        assertEquals(1, figures.get(0).panels().get(0).curves().size(), "the Hessian's density only");
    }
}
