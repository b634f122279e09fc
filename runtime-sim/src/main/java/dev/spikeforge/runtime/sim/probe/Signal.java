package dev.spikeforge.runtime.sim.probe;

import java.util.EnumSet;
import java.util.Locale;

/** What a probe records. */
public enum Signal {
    SPIKES,
    VOLTAGE,
    CURRENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word that asks for per-step, per-core activity counts instead of a neuron signal. */
    public static final String ACTIVITY = "activity";

    /** Whether a --record list asks for {@link #ACTIVITY}. */
    public static boolean wantsActivity(String list) {
        for (String w : list.split(","))
            if (w.strip().toLowerCase(Locale.ROOT).equals(ACTIVITY)) return true;
        return false;
    }

    /**
     * Parses a comma-separated list such as "spikes,voltage" (the word "activity" is skipped: see
     * {@link #wantsActivity}); the error names the unknown word.
     */
    public static EnumSet<Signal> parseList(String list) {
        EnumSet<Signal> s = EnumSet.noneOf(Signal.class);
        for (String w : list.split(",")) {
            String k = w.strip().toLowerCase(Locale.ROOT);
            if (k.isEmpty() || k.equals(ACTIVITY)) continue;
            switch (k) {
                case "spikes", "spike" -> s.add(SPIKES);
                case "voltage", "v" -> s.add(VOLTAGE);
                case "current", "u" -> s.add(CURRENT);
                default ->
                        throw new IllegalArgumentException(
                                "cannot record '"
                                        + w.strip()
                                        + "': choose from spikes, voltage, current, activity");
            }
        }
        return s;
    }
}
