package org.normlab.app.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.normlab.app.session.RunEvent;

/**
 * Which of a run's event markers are drawn as one: on a long race, events of the same kind (e.g. loss spikes) pile
 * up within a few pixels of each other, and their dotted lines and labels become a smear. Going along the steps, an
 * event joins the group before it when it is of the same kind ({@link #kind}) and lies within {@value #GAP} units of
 * drawing (pixels on screen, points on paper) of the group's first event; a group is drawn once, at its first step,
 * labelled with its count ("loss spike ×5"). The one rule for the window's charts and the exported figures. Pure.
 */
public final class EventGroups {
    /** How close two markers of the same kind may be drawn before they are one: a dotted line's dash and gap. */
    public static final double GAP = 6;

    private EventGroups() {
    }

    /**
     * One marker.
     *
     * @param step  where it is drawn: the step of its first event
     * @param text  its label: the event's own text alone, else its kind and the count, e.g. {@code loss spike ×5}
     * @param count how many events it stands for
     */
    public record Group(long step, String text, int count) {
        /** Whether it stands for more than one event (drawn lighter: many alike, each less telling). */
        public boolean grouped() {
            return count > 1;
        }

        /** Its short label on screen: the kind alone, e.g. {@code loss spike}, or with the count; text says the rest. */
        public String label() {
            return grouped() ? text : kind(text);
        }
    }

    /**
     * The markers of {@code events} (one run's, in the order they came) on an axis drawn at {@code stepsPerUnit}
     * steps per unit of drawing (pixel or point), in the order of their first events.
     */
    public static List<Group> of(List<RunEvent> events, double stepsPerUnit) {
        if (!(stepsPerUnit >= 0) || Double.isInfinite(stepsPerUnit)) {
            throw new IllegalArgumentException("stepsPerUnit must be finite and >= 0, was " + stepsPerUnit);
        }
        // Grouped along the steps; each group keeps the place of its first event in events (the order they came).
        List<Integer> byStep = IntStream.range(0, events.size()).boxed()
                .sorted(Comparator.comparingLong(i -> events.get(i).step())).toList();
        double gapSteps = GAP * stepsPerUnit;
        List<Integer> firsts = new ArrayList<>();
        Map<Integer, Integer> counts = new HashMap<>();
        Map<String, Integer> open = new HashMap<>();
        for (int i : byStep) {
            RunEvent event = events.get(i);
            Integer first = open.get(kind(event.text()));
            if (first != null && event.step() - events.get(first).step() <= gapSteps) {
                counts.merge(first, 1, Integer::sum);
            } else {
                open.put(kind(event.text()), i);
                firsts.add(i);
                counts.put(i, 1);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (int i : firsts.stream().sorted().toList()) {
            RunEvent first = events.get(i);
            int count = counts.get(i);
            groups.add(new Group(first.step(), count == 1 ? first.text() : kind(first.text()) + " ×" + count, count));
        }
        return List.copyOf(groups);
    }

    /** What kind of event a text tells: up to its first colon (e.g. {@code loss spike}), else all of it. */
    static String kind(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }
}
