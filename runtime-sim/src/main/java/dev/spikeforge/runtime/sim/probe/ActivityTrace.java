package dev.spikeforge.runtime.sim.probe;

import dev.spikeforge.runtime.sim.cost.Bound;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import java.util.Arrays;

/**
 * The cost model's counts and times step by step and core by core: per step and core, the synaptic
 * ops, spikes, neuron updates, tile hops and messages received of that step and the core's busy
 * time; per step, its chip time. Copies every step's counts, so record it only when needed.
 */
public final class ActivityTrace {
    /** Count kinds, in the order of the values. */
    public static final String[] KINDS = {
        "synaptic_ops", "spikes", "neuron_updates", "hops", "messages"
    };

    private static final int K = KINDS.length;
    private final int cores;
    private long[] data = new long[0];
    private long[] busyFs = new long[0];
    private long[] inputHops = new long[0];
    private long[] stepFs = new long[0];
    private int steps;

    public ActivityTrace(int cores) {
        this.cores = cores;
    }

    /**
     * Records one step: its counts per core (the simulator's last-step counters) and its times (the
     * clock's last step).
     */
    public void capture(ActivityCounters step, ChipClock clock) {
        int need = (steps + 1) * cores * K;
        if (need > data.length) data = Arrays.copyOf(data, Math.max(need, 2 * data.length));
        if ((steps + 1) * cores > busyFs.length)
            busyFs = Arrays.copyOf(busyFs, Math.max((steps + 1) * cores, 2 * busyFs.length));
        if (steps + 1 > stepFs.length) {
            stepFs = Arrays.copyOf(stepFs, Math.max(16, 2 * stepFs.length));
            inputHops = Arrays.copyOf(inputHops, stepFs.length);
        }
        for (int k = 0; k < cores; k++) {
            int at = (steps * cores + k) * K;
            data[at] = step.synapticOps(k);
            data[at + 1] = step.spikes(k);
            data[at + 2] = step.neuronUpdates(k);
            data[at + 3] = step.hops(k);
            data[at + 4] = step.count(EventKind.MESSAGE_IN, k);
            busyFs[steps * cores + k] = clock.lastBusyFs(k);
        }
        inputHops[steps] = step.inputHops();
        stepFs[steps] = clock.lastStepFs(Bound.VALUE);
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
        return data[(t * cores + core) * K + kind];
    }

    /** Chip-wide count of a kind on step t (hops include host input hops). */
    public long total(int t, int kind) {
        long s = kind == 3 ? inputHops[t] : 0;
        for (int k = 0; k < cores; k++) s += count(t, k, kind);
        return s;
    }

    /** Chip time of step t in seconds. */
    public double stepSeconds(int t) {
        return ChipCosts.seconds(stepFs[t]);
    }

    /** Busy time of core k on step t in seconds. */
    public double busySeconds(int t, int core) {
        return ChipCosts.seconds(busyFs[t * cores + core]);
    }

    /** Cores that did any work on step t beyond accessing their neurons. */
    public int activeCores(int t) {
        int n = 0;
        for (int k = 0; k < cores; k++)
            if (count(t, k, 0) + count(t, k, 1) + count(t, k, 2) > 0) n++;
        return n;
    }

    /**
     * {@code step,synaptic_ops,spikes,neuron_updates,hops,messages,active_cores,step_time_s}:
     * chip-wide, one row per step.
     */
    public String perStepCsv() {
        StringBuilder sb =
                new StringBuilder(
                        "step," + String.join(",", KINDS) + ",active_cores,step_time_s\n");
        for (int t = 0; t < steps; t++) {
            sb.append(t);
            for (int kind = 0; kind < K; kind++) sb.append(',').append(total(t, kind));
            sb.append(',').append(activeCores(t)).append(',').append(stepSeconds(t)).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code step,core,synaptic_ops,spikes,neuron_updates,hops,messages,busy_s}: one row per step
     * and core that did anything.
     */
    public String perCoreCsv() {
        StringBuilder sb = new StringBuilder("step,core," + String.join(",", KINDS) + ",busy_s\n");
        for (int t = 0; t < steps; t++)
            for (int k = 0; k < cores; k++) {
                long any = 0;
                for (int kind = 0; kind < K; kind++) any += count(t, k, kind);
                if (any == 0) continue;
                sb.append(t).append(',').append(k);
                for (int kind = 0; kind < K; kind++) sb.append(',').append(count(t, k, kind));
                sb.append(',').append(busySeconds(t, k)).append('\n');
            }
        return sb.toString();
    }
}
