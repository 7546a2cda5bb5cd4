package org.normlab.app.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.app.chart.EventGroups.Group;
import org.normlab.app.session.RunEvent;

/** Which event markers are drawn as one: worked out by hand at 10 steps per pixel (a gap of 60 steps). */
class EventGroupsTest {
    private static final double STEPS_PER_PIXEL = 10;

    private static RunEvent spike(long step) {
        return new RunEvent(step, "loss spike: median of the last 5 losses " + step + " > 2× the median before",
                "train.loss");
    }

    @Test
    void markersFarApartStayAsTheyAre() {
        List<Group> groups = EventGroups.of(List.of(spike(100), spike(200)), STEPS_PER_PIXEL);
        assertEquals(List.of(new Group(100, spike(100).text(), 1), new Group(200, spike(200).text(), 1)), groups);
        assertFalse(groups.get(0).grouped());
    }

    /** 100, 130, 160 lie within 60 steps of the first; 170 does not and starts the next group, which 200 joins. */
    @Test
    void spikesWithinAFewPixelsOfTheFirstCollapseIntoOneMarkerWithTheirCount() {
        List<Group> groups = EventGroups.of(List.of(spike(100), spike(160), spike(130), spike(170), spike(200)),
                STEPS_PER_PIXEL);
        assertEquals(List.of(new Group(100, "loss spike ×3", 3), new Group(170, "loss spike ×2", 2)), groups);
        assertTrue(groups.get(0).grouped());
    }

    /** A group spans at most the gap from its first marker, however many follow each a little later. */
    @Test
    void aChainOfCloseMarkersDoesNotGrowIntoOneEndlessGroup() {
        List<RunEvent> chain = List.of(spike(0), spike(50), spike(100), spike(150), spike(200));
        assertEquals(List.of(new Group(0, "loss spike ×2", 2), new Group(100, "loss spike ×2", 2),
                new Group(200, spike(200).text(), 1)), EventGroups.of(chain, STEPS_PER_PIXEL));
    }

    /** Different kinds at the same step are different news: each keeps its marker, and the spikes still group. */
    @Test
    void onlyEventsOfTheSameKindGroup() {
        RunEvent change = new RunEvent(110, "learningRate 0.1000 → 0.2000");
        List<Group> groups = EventGroups.of(List.of(spike(100), change, spike(120)), STEPS_PER_PIXEL);
        assertEquals(List.of(new Group(100, "loss spike ×2", 2), new Group(110, change.text(), 1)), groups);
    }

    /** Zoomed in far enough (or on paper wide enough), every marker is its own again. */
    @Test
    void theGroupingFollowsTheScale() {
        List<RunEvent> spikes = List.of(spike(100), spike(130), spike(160));
        assertEquals(1, EventGroups.of(spikes, STEPS_PER_PIXEL).size());
        assertEquals(3, EventGroups.of(spikes, 1).size());
        // Exactly the gap apart still overlaps: 6 pixels at 5 steps each is 30 steps.
        assertEquals(2, EventGroups.of(spikes, 5).get(0).count());
    }

    /** A marker keeps the place of its first event among the events as they came, whatever their steps. */
    @Test
    void markersComeInTheOrderOfTheirFirstEvents() {
        RunEvent change = new RunEvent(50, "learningRate 0.1000 → 0.2000");
        assertEquals(List.of(new Group(100, "loss spike ×2", 2), new Group(50, change.text(), 1)),
                EventGroups.of(List.of(spike(100), change, spike(120)), STEPS_PER_PIXEL));
    }

    @Test
    void theKindIsTheTextUpToItsFirstColon() {
        assertEquals("loss spike", EventGroups.kind(spike(3).text()));
        assertEquals("learningRate 0.1 → 0.2", EventGroups.kind("learningRate 0.1 → 0.2"));
        assertEquals("stopped", EventGroups.kind("stopped: out of memory (heap)"));
    }

    @Test
    void aScaleThatIsNotANumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventGroups.of(List.of(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> EventGroups.of(List.of(), -1));
    }
}
