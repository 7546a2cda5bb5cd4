package org.normlab.sim.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One label, two outputs: spans for Graphics2D and LaTeX for pgfplots. */
class LabelTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "step => step",
        "2/η => $2/\\eta$",
        "‖w‖² => $\\|w\\|^{2}$",
        "λ_max(H) => $\\lambda_{\\mathrm{max}}(H)$",
        "learning rate η_eff => learning rate $\\eta_{\\mathrm{eff}}$",
        "10^{−3} => $10^{-3}$",
        "accuracy (%) & more => accuracy (\\%) \\& more",
        "P^-½ => $P^{-1/2}$",
    })
    void texPutsSymbolWordsInMathMode(String markup, String tex) {
        assertEquals(tex, Label.of(markup).tex());
    }

    @Test
    void spansSeparateScriptsFromTheBaseline() {
        assertEquals(List.of(new Label.Span("λ", Label.Position.NORMAL), new Label.Span("max", Label.Position.SUBSCRIPT),
                new Label.Span("(H)", Label.Position.NORMAL)), Label.of("λ_max(H)").spans());
        assertEquals(List.of(new Label.Span("10", Label.Position.NORMAL),
                new Label.Span("−3", Label.Position.SUPERSCRIPT)), Label.of("10^{−3}").spans());
        assertEquals(List.of(new Label.Span("P", Label.Position.NORMAL),
                new Label.Span("-½", Label.Position.SUPERSCRIPT)), Label.of("P^-½").spans());
    }

    @Test
    void aLoneMarkerIsText() {
        assertEquals("a_ b^", Label.of("a_ b^").plain());
    }
}
