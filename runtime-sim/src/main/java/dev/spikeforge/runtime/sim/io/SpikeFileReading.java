package dev.spikeforge.runtime.sim.io;

import dev.spikeforge.data.SpikeTrain;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spike file as read for a run of a given length: the events used, and how many the file held and
 * why the others were not used. Nothing is dropped without being counted here.
 *
 * @param eventsRead events (lines that are not blank, a comment or the header) in the file
 * @param pastSteps events at a step at or after the run's last step, so never presented
 * @param duplicates repeats of an event already read (an axon spikes at most once per step)
 */
public record SpikeFileReading(
        Path file, SpikeTrain train, long eventsRead, long pastSteps, long duplicates) {
    public static final String PAST_STEPS = "past_steps";
    public static final String DUPLICATE = "duplicate";

    public long eventsUsed() {
        return eventsRead - pastSteps - duplicates;
    }

    public long eventsDropped() {
        return pastSteps + duplicates;
    }

    /** Dropped events by reason, every reason listed (0 when none). */
    public Map<String, Long> droppedByReason() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(PAST_STEPS, pastSteps);
        m.put(DUPLICATE, duplicates);
        return m;
    }

    /** One line for people: what was read and, if anything was dropped, how much and why. */
    public String describe() {
        String s = file + ": " + eventsRead + " input events read, " + eventsUsed() + " used";
        if (eventsDropped() == 0) return s;
        return s
                + "; dropped "
                + pastSteps
                + " at steps >= "
                + train.steps()
                + " (past the run's steps) and "
                + duplicates
                + " duplicates";
    }

    /** Refuses a reading that dropped anything (for --strict). */
    public SpikeFileReading requireNothingDropped() {
        if (eventsDropped() > 0)
            throw new IllegalArgumentException(
                    describe() + " (--strict: every event must be used)");
        return this;
    }
}
