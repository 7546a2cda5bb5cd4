package org.normlab.app.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.normlab.sim.run.Experiment;

/**
 * One trajectory's hyperparameter changes as a schedule that an experiment file replays: the values carried over a
 * reset (set at step 0), every change made so far at the step it was made, in order, then the changes the run's setup
 * schedules for later. The run's thread writes it; any thread reads a consistent {@link #schedule()}.
 */
final class ChangeLog {
    private final List<Experiment.Change> planned;
    private final Map<String, Double> initial;
    private final List<Experiment.Change> made = new ArrayList<>();
    /** The trajectory before the reset that started this one, until this one starts. */
    private ChangeLog before;
    private long steps;

    /** The log of a run whose setup schedules {@code planned} and whose settings start at {@code initial}. */
    ChangeLog(List<Experiment.Change> planned, Map<String, Double> initial) {
        this.planned = List.copyOf(planned);
        this.initial = Map.copyOf(initial);
    }

    /** The log of the trajectory after a reset of this one: it starts with the values this one ends with. */
    ChangeLog next() {
        ChangeLog next = new ChangeLog(planned, initial);
        next.before = this;
        return next;
    }

    /** At step 0, on the run's thread: the reset has been applied, so the previous trajectory is complete. */
    synchronized void started() {
        if (before != null) {
            made.addAll(before.carried());
            before = null;
        }
    }

    synchronized void stepped(long step) {
        steps = step;
    }

    synchronized void changed(long step, String name, double value) {
        made.add(new Experiment.Change(step, name, value));
    }

    /** Everything changed so far and everything still scheduled, so that a rerun retraces this trajectory. */
    synchronized List<Experiment.Change> schedule() {
        return Stream.concat(made.stream(), planned.stream().filter(c -> c.step() > steps)).toList();
    }

    /** The last value of every name changed, as a change at step 0, unless it is the run's initial value. */
    private synchronized List<Experiment.Change> carried() {
        Map<String, Double> last = new LinkedHashMap<>();
        made.forEach(c -> last.put(c.name(), c.value()));
        return last.entrySet().stream().filter(e -> !Objects.equals(e.getValue(), initial.get(e.getKey())))
                .map(e -> new Experiment.Change(0, e.getKey(), e.getValue())).toList();
    }
}
