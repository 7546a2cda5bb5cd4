package org.normlab.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.normlab.sim.linalg.EigenEstimate;
import org.normlab.sim.linalg.SampleMean;

/** The peer comparison's parts that need neither torch nor a clock: parsing, the table and aims, the skip. */
class PeerBenchTest {
    private static final double EXACT = 0;

    /** What the script prints (the shape of sim/scripts/pytorch-peer.py's JSON), with chosen numbers. */
    private static String json(String power) {
        return """
                {"torch": "2.1.0", "parameters": 1282, "probeSetSize": 512,
                 "check": {"trainModeLoss": 0.5, "checkpointTrainModeLoss": 0.5, "trainModeGradientNorm": 0.1,
                           "checkpointTrainModeGradientNorm": 0.1},
                 "step": {"1": 0.004, "2": 0.003}, "cores": 2, "hvpSeconds": 0.04,
                 "power": %s,
                 "trace": {"value": 30.0, "standardError": 2.0, "probes": 50, "seconds": 2.0},
                 "slq": {"probes": 5, "steps": 40, "seconds": 8.0, "nodes": [[1.0]], "weights": [[1.0]]}}
                """.formatted(power);
    }

    private static final String POWER = """
            {"value": 10.0005, "iterations": 12, "products": 12, "seconds": 0.9, "tolerance": 0.001}""";

    private static final PeerBench.Settings SETTINGS = PeerBench.Settings.of(false);

    @Test
    void parsesThePeersJson() {
        PeerBench.Peer p = PeerBench.Peer.parse(json(POWER));
        assertEquals("2.1.0", p.torch());
        assertEquals(2, p.cores());
        assertEquals(0.5, p.loss(), EXACT);
        assertEquals(0.004, p.stepSeconds(), EXACT);
        assertEquals(0.003, p.stepAllCoresSeconds(), EXACT);
        assertEquals(0.04, p.hvpSeconds(), EXACT);
        assertEquals(10.0005, p.powerValue(), EXACT);
        assertEquals(12, p.powerIterations());
        assertEquals(0.9, p.powerSeconds(), EXACT);
        assertEquals(30.0, p.trace(), EXACT);
        assertEquals(2.0, p.traceStandardError(), EXACT);
        assertEquals(50, p.traceProbes());
        assertEquals(5, p.slqProbes());
        assertEquals(40, p.slqSteps());
        assertEquals(8.0, p.slqSeconds(), EXACT);
    }

    /** {@code --step-only} prints the check and the step alone: enough for the MNIST-size row. */
    @Test
    void parsesTheStepOnlyJson() {
        PeerBench.StepPeer p = PeerBench.StepPeer.parse("""
                {"torch": "2.1.0", "parameters": 269322, "probeSetSize": 512,
                 "check": {"trainModeLoss": 0.5}, "step": {"1": 0.004, "2": 0.0025}, "cores": 2}""");
        assertEquals(new PeerBench.StepPeer(2, 0.004, 0.0025), p);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PeerBench.StepPeer.parse("{\"step\": {\"1\": 0.004}, \"cores\": 2}"));
        assertEquals("the peer's output has no field step.2", missing.getMessage());
    }

    @Test
    void aMissingOrWrongFieldIsNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PeerBench.Peer.parse(json("{\"value\": 1.0, \"iterations\": 3}")));
        assertEquals("the peer's output has no field power.seconds", missing.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> PeerBench.Peer.parse(
                json("{\"value\": \"big\", \"iterations\": 3, \"seconds\": 1}")));
        assertTrue(text.getMessage().startsWith("the peer's field power.value must be a number"), text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PeerBench.Peer.parse("not json"));
    }

    @Test
    void theReportFormsRatiosChecksTheIntervalAndJudgesTheAims() {
        PeerBench.Figures normlab = new PeerBench.Figures(0.5 * (1 + 1e-12), 0.002, 0.01,
                new EigenEstimate(10, 0.001, 8, 9, true, Nd4j.zeros(DataType.DOUBLE, 1)), 0.2, new SampleMean(29, 2.5, 50), 1.0, 10.0);
        String report = PeerBench.report(normlab, PeerBench.Peer.parse(json(POWER)), SETTINGS);
        assertTrue(report.contains("training step, 1 thread [ms]      2.00"), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("training step, 1 thread") && l.endsWith(" 0.500")),
                report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("λ_max [ms]") && l.endsWith(" 0.222")), report);
        assertTrue(report.contains("relative difference 5.0e-05, inside"), report);
        assertTrue(report.contains("train-mode losses differ by 1.0e-12"), report);
        assertTrue(report.contains("aim: step no slower than the peer's on one thread: met"), report);
        assertTrue(report.contains("(is 4.50×): met"), report);
        assertTrue(report.contains("aim: trace no dearer at equal probe counts: met"), report);
        assertTrue(report.contains("aim: density no dearer at equal probe counts: NOT met"), report);

        String outside = PeerBench.report(normlab, PeerBench.Peer.parse(json(POWER.replace("10.0005", "9.99"))),
                SETTINGS);
        assertTrue(outside.contains("relative difference 1.0e-03, outside"), outside);
    }

    /** Rounds: the median of each time, the values of the first round, and each round's ratio in the spread. */
    @Test
    void roundsAreSummedUpByTheirMediansAndTheirSpreadIsShown() {
        EigenEstimate lambda = new EigenEstimate(10, 0.001, 8, 9, true, Nd4j.zeros(DataType.DOUBLE, 1));
        SampleMean trace = new SampleMean(29, 2.5, 50);
        List<PeerBench.Figures> ours = List.of(
                new PeerBench.Figures(0.5, 0.003, 0.01, lambda, 0.3, trace, 1.0, 10.0),
                new PeerBench.Figures(0.5, 0.001, 0.03, lambda, 0.1, trace, 3.0, 30.0),
                new PeerBench.Figures(0.5, 0.002, 0.02, lambda, 0.2, trace, 2.0, 20.0));
        PeerBench.Figures median = PeerBench.Figures.median(ours);
        assertEquals(new PeerBench.Figures(0.5, 0.002, 0.02, lambda, 0.2, trace, 2.0, 20.0), median);

        PeerBench.Peer one = PeerBench.Peer.parse(json(POWER));
        PeerBench.Peer slower = PeerBench.Peer.parse(json(POWER.replace("0.9", "1.8")));
        PeerBench.Peer median2 = PeerBench.Peer.median(List.of(one, slower));
        assertEquals(1.35, median2.powerSeconds(), 1e-15);
        assertEquals(one.powerValue(), median2.powerValue(), EXACT);

        String spread = PeerBench.spread(ours.subList(0, 2), List.of(one, slower));
        assertTrue(spread.startsWith("per round, NormLab / peer: step 0.750 0.250; λ_max 0.333 0.0556;"), spread);
    }

    /** NormLab first in even rounds, the peer first in odd ones; a failing peer ends the rounds with its outcome. */
    @Test
    void theSidesAlternateAndAFailingPeerStopsTheRounds() throws Exception {
        List<Integer> peerRunsBefore = new java.util.ArrayList<>();
        List<String> outputs = new java.util.ArrayList<>();
        PeerBench.Outcome all = PeerBench.alternate(3, () -> peerRunsBefore.add(outputs.size()),
                List.of("sh", "-c", "echo '{}'"), outputs);
        assertNull(all);
        assertEquals(List.of(0, 2, 2), peerRunsBefore);
        assertEquals(3, outputs.size());

        List<Integer> stopped = new java.util.ArrayList<>();
        PeerBench.Outcome failed = PeerBench.alternate(3, () -> stopped.add(0),
                List.of("sh", "-c", "echo broken >&2; exit 5"), new java.util.ArrayList<>());
        assertEquals("exit 5: broken", failed.failed());
        assertEquals(1, stopped.size());
    }

    @Test
    void aPeerWithoutTorchIsSkippedWithItsMessage() throws InterruptedException {
        PeerBench.Outcome outcome = PeerBench.runPeer(List.of("sh", "-c",
                "echo 'pytorch-peer: PyTorch is not installed' >&2; exit " + PeerBench.PEER_WITHOUT_TORCH));
        assertEquals("pytorch-peer: PyTorch is not installed", outcome.skipped());
        assertNull(outcome.failed());
        assertNull(outcome.json());
    }

    @Test
    void aMissingProgramIsSkippedAndAnotherExitCodeFails() throws InterruptedException {
        PeerBench.Outcome missing = PeerBench.runPeer(List.of("/nonexistent/python3-for-the-peer-test"));
        assertTrue(missing.skipped().startsWith("/nonexistent/python3-for-the-peer-test could not be started"),
                missing.skipped());
        PeerBench.Outcome failed = PeerBench.runPeer(List.of("sh", "-c", "echo broken >&2; exit 5"));
        assertEquals("exit 5: broken", failed.failed());
        PeerBench.Outcome ok = PeerBench.runPeer(List.of("sh", "-c", "echo '{\"a\": 1}'"));
        assertEquals("{\"a\": 1}\n", ok.json());
    }
}
