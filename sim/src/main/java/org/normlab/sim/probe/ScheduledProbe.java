package org.normlab.sim.probe;

/** What every probe holds the same way: its name in the cost report and when it is due. */
abstract class ScheduledProbe implements Probe {
    private final String name;
    private final Schedule schedule;

    ScheduledProbe(String name, Schedule schedule) {
        this.name = name;
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Schedule schedule() {
        return schedule;
    }
}
