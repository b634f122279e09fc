package dev.spikeforge.runtime.sim.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Which neurons of a layer to record and what to record of them. {@code neurons} null means the
 * whole layer. Written on the command line as {@code LAYER} or {@code LAYER:0-9,12}.
 */
public record Probe(String layer, int[] neurons, EnumSet<Signal> signals) {

    public Probe {
        if (layer == null || layer.isEmpty())
            throw new IllegalArgumentException("a probe needs a layer name");
        signals = signals.isEmpty() ? EnumSet.of(Signal.SPIKES) : EnumSet.copyOf(signals);
        if (neurons != null) neurons = neurons.clone();
    }

    public static Probe spikes(String layer, int... neurons) {
        return new Probe(layer, neurons.length == 0 ? null : neurons, EnumSet.of(Signal.SPIKES));
    }

    public static Probe voltage(String layer, int... neurons) {
        return new Probe(layer, neurons.length == 0 ? null : neurons, EnumSet.of(Signal.VOLTAGE));
    }

    public static Probe of(String layer, EnumSet<Signal> signals, int... neurons) {
        return new Probe(layer, neurons.length == 0 ? null : neurons, signals);
    }

    /** Most neurons one probe may name: a range like 0-2147483647 is refused, not expanded. */
    static final int MAX_NEURONS = 1 << 24;

    /** Parses {@code LAYER[:RANGES]} where RANGES is e.g. {@code 0-9,12}. */
    public static Probe parse(String spec, EnumSet<Signal> signals) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) return new Probe(spec.strip(), null, signals);
        String layer = spec.substring(0, colon).strip();
        List<Integer> ids = new ArrayList<>();
        for (String part : spec.substring(colon + 1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            try {
                int dash = p.indexOf('-', 1);
                if (dash < 0) ids.add(Integer.parseInt(p));
                else {
                    int a = Integer.parseInt(p.substring(0, dash).strip()),
                            b = Integer.parseInt(p.substring(dash + 1).strip());
                    if (b < a)
                        throw new IllegalArgumentException(
                                "probe '" + spec + "': range " + p + " runs backwards");
                    if (a < 0)
                        throw new IllegalArgumentException(
                                "probe '" + spec + "': neuron " + a + " is negative");
                    if ((long) b - a + 1 + ids.size() > MAX_NEURONS) {
                        throw new IllegalArgumentException(
                                "probe '" + spec + "' names more than " + MAX_NEURONS + " neurons");
                    }
                    for (int i = a; i <= b; i++) ids.add(i);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "probe '"
                                + spec
                                + "': '"
                                + p
                                + "' is not a neuron index or range like 0-9");
            }
        }
        if (ids.isEmpty())
            throw new IllegalArgumentException("probe '" + spec + "' names no neurons after ':'");
        return new Probe(layer, ids.stream().mapToInt(Integer::intValue).toArray(), signals);
    }

    public boolean records(Signal s) {
        return signals.contains(s);
    }

    /**
     * As written on the command line, runs of neurons as ranges and at most about 80 characters of
     * them.
     */
    @Override
    public String toString() {
        return layer + (neurons == null ? "" : ":" + ranges(neurons, 80)) + " " + signals;
    }

    /**
     * {@code 0-9,12} for {0..9, 12}; cut after {@code max} characters with the count of neurons
     * left out.
     */
    static String ranges(int[] ids, int max) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j++;
            if (sb.length() > max) return sb + ",... (" + sorted.length + " neurons)";
            if (sb.length() > 0) sb.append(',');
            sb.append(sorted[i]);
            if (sorted[j] != sorted[i]) sb.append('-').append(sorted[j]);
            i = j + 1;
        }
        return sb.toString();
    }
}
