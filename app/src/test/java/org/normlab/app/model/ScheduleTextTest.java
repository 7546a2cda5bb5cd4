package org.normlab.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.app.session.RaceSetup;
import org.normlab.sim.run.LearningRateSchedule;

/** The setup form's schedule line: every kind reads back equal; a bad line names what is wrong; the runs get it. */
class ScheduleTextTest {

    @Test
    void everyKindReadsBackEqual() {
        List<LearningRateSchedule> all = List.of(new LearningRateSchedule.Constant(),
                new LearningRateSchedule.Step(100L, 0.5), new LearningRateSchedule.Cosine(900L, 0.1),
                new LearningRateSchedule.Cosine(900L, null), new LearningRateSchedule.Exponential(0.999),
                new LearningRateSchedule.Warmup(50L, null),
                new LearningRateSchedule.Warmup(50L, new LearningRateSchedule.Cosine(950L, null)));
        for (LearningRateSchedule schedule : all) {
            assertEquals(schedule, ScheduleText.parse(ScheduleText.format(schedule)), ScheduleText.format(schedule));
        }
        assertEquals("warmup 50 cosine 950", ScheduleText.format(all.get(6)));
        assertNull(ScheduleText.parse("  "));
        assertEquals("", ScheduleText.format(null));
    }

    @Test
    void aBadLineNamesWhatIsWrong() {
        assertEquals("schedule: 'linear' is not a kind of schedule (allowed: " + ScheduleText.FORMS + ")",
                assertThrows(IllegalArgumentException.class, () -> ScheduleText.parse("linear 5")).getMessage());
        assertEquals("schedule: step takes 2 numbers, was 'step 5' (allowed: " + ScheduleText.FORMS + ")",
                assertThrows(IllegalArgumentException.class, () -> ScheduleText.parse("step 5")).getMessage());
        assertEquals("schedule: gamma must be a finite number > 0 (the factor applied every 'every' steps), was "
                + "-0.5 (allowed: " + ScheduleText.FORMS + ")", assertThrows(IllegalArgumentException.class,
                () -> ScheduleText.parse("step 5 -0.5")).getMessage());
    }

    @Test
    void anEditedLineSchedulesEveryRunAndAnUnchangedOneKeepsThem() {
        RaceSetup base = RaceSetup.spirals();
        SetupForm form = new SetupForm();
        form.show(base);
        assertEquals("", form.scheduleProperty().get());
        form.scheduleProperty().set("cosine 1000");
        RaceSetup scheduled = form.toSetup(base);
        scheduled.runs().forEach(r -> assertEquals(new LearningRateSchedule.Cosine(1000L, 0.0), r.schedule()));
        form.show(scheduled);
        assertEquals("cosine 1000", form.scheduleProperty().get());
        form.scheduleProperty().set("");
        form.toSetup(scheduled).runs().forEach(r -> assertNull(r.schedule()));
    }
}
