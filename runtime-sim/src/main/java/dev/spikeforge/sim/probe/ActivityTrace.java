package dev.spikeforge.sim.probe;

import dev.spikeforge.sim.network.ActivityCounters;

import java.util.Arrays;

/**
 * The energy model's counts step by step and core by core: per step and core, the synaptic ops, spikes, neuron
 * updates and hops of that step. Taken from counter differences after each step, so it costs a walk over the
 * spiking sources' synapses per step: record it only when needed.
 */
public final class ActivityTrace {
    /** Count kinds, in the order of the values. */
    public static final String[] KINDS = {"synaptic_ops", "spikes", "neuron_updates", "hops"};
    private final int cores;
    private final long[] previous;
    private long[] data = new long[0];
    private long[] inputHops = new long[0];
    private long lastInputHops;
    private int steps;

    public ActivityTrace(ActivityCounters start) {
        this.cores = start.cores();
        this.previous = snapshot(start);
        this.lastInputHops = start.inputHops();
    }

    private long[] snapshot(ActivityCounters c) {
        long[] s = new long[cores * 4];
        for (int k = 0; k < cores; k++) {
            s[k * 4] = c.synapticOps(k);
            s[k * 4 + 1] = c.spikes(k);
            s[k * 4 + 2] = c.neuronUpdates(k);
            s[k * 4 + 3] = c.hops(k);
        }
        return s;
    }

    /** Records what happened since the previous call (or since construction). */
    public void capture(ActivityCounters c) {
        long[] now = snapshot(c);
        int need = (steps + 1) * cores * 4;
        if (need > data.length) data = Arrays.copyOf(data, Math.max(need, 2 * data.length));
        if (steps + 1 > inputHops.length) inputHops = Arrays.copyOf(inputHops, Math.max(16, 2 * inputHops.length));
        for (int i = 0; i < now.length; i++) data[steps * cores * 4 + i] = now[i] - previous[i];
        System.arraycopy(now, 0, previous, 0, now.length);
        inputHops[steps] = c.inputHops() - lastInputHops;
        lastInputHops = c.inputHops();
        steps++;
    }

    public int steps() {
        return steps;
    }

    public int cores() {
        return cores;
    }

    /** Count {@code kind} (index into {@link #KINDS}) of core k on step t. */
    public long count(int t, int core, int kind) {
        return data[(t * cores + core) * 4 + kind];
    }

    /** Chip-wide count of a kind on step t (hops include host input hops). */
    public long total(int t, int kind) {
        long s = kind == 3 ? inputHops[t] : 0;
        for (int k = 0; k < cores; k++) s += count(t, k, kind);
        return s;
    }

    /** Cores that did any work on step t. */
    public int activeCores(int t) {
        int n = 0;
        for (int k = 0; k < cores; k++) if (count(t, k, 0) + count(t, k, 1) + count(t, k, 2) > 0) n++;
        return n;
    }

    /** {@code step,synaptic_ops,spikes,neuron_updates,hops,active_cores}: chip-wide, one row per step. */
    public String perStepCsv() {
        StringBuilder sb = new StringBuilder("step," + String.join(",", KINDS) + ",active_cores\n");
        for (int t = 0; t < steps; t++) {
            sb.append(t);
            for (int kind = 0; kind < 4; kind++) sb.append(',').append(total(t, kind));
            sb.append(',').append(activeCores(t)).append('\n');
        }
        return sb.toString();
    }

    /** {@code step,core,synaptic_ops,spikes,neuron_updates,hops}: one row per step and core that did anything. */
    public String perCoreCsv() {
        StringBuilder sb = new StringBuilder("step,core," + String.join(",", KINDS) + "\n");
        for (int t = 0; t < steps; t++)
            for (int k = 0; k < cores; k++) {
                long a = count(t, k, 0), b = count(t, k, 1), c = count(t, k, 2), d = count(t, k, 3);
                if (a + b + c + d == 0) continue;
                sb.append(t).append(',').append(k).append(',').append(a).append(',').append(b).append(',').append(c).append(',').append(d).append('\n');
            }
        return sb.toString();
    }
}
