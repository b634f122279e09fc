package dev.spikeforge.device.bridge.device;

import dev.spikeforge.proto.Counters;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;

/**
 * The chip-wide totals of a set of activity counters, as the wire's {@link Counters} carries them.
 * Hops include the hops of host input spikes, like {@link ActivityCounters#totalHops()}.
 */
public record CounterTotals(
        long synapticOps, long spikes, long neuronUpdates, long hops, long steps) {

    public static final CounterTotals ZERO = new CounterTotals(0, 0, 0, 0, 0);

    public static CounterTotals of(ActivityCounters c) {
        return new CounterTotals(
                c.totalSynapticOps(),
                c.totalSpikes(),
                c.totalNeuronUpdates(),
                c.totalHops(),
                c.steps());
    }

    /**
     * Counters of one core; steps is the chip's step count, since every core takes part in every
     * step.
     */
    public static CounterTotals ofCore(ActivityCounters c, int core) {
        return new CounterTotals(
                c.synapticOps(core),
                c.spikes(core),
                c.neuronUpdates(core),
                c.hops(core),
                c.steps());
    }

    public static CounterTotals of(Counters c) {
        return new CounterTotals(
                c.getSynapticOps(), c.getSpikes(), c.getNeuronUpdates(), c.getHops(), c.getSteps());
    }

    /** What happened between {@code earlier} and this snapshot. */
    public CounterTotals minus(CounterTotals earlier) {
        return new CounterTotals(
                synapticOps - earlier.synapticOps,
                spikes - earlier.spikes,
                neuronUpdates - earlier.neuronUpdates,
                hops - earlier.hops,
                steps - earlier.steps);
    }

    public CounterTotals plus(CounterTotals other) {
        return new CounterTotals(
                synapticOps + other.synapticOps,
                spikes + other.spikes,
                neuronUpdates + other.neuronUpdates,
                hops + other.hops,
                steps + other.steps);
    }

    /**
     * A core is active (costs static power) when it did any synaptic op, spike or neuron update.
     */
    public boolean active() {
        return synapticOps + spikes + neuronUpdates > 0;
    }

    public Counters toProto() {
        return Counters.newBuilder()
                .setSynapticOps(synapticOps)
                .setSpikes(spikes)
                .setNeuronUpdates(neuronUpdates)
                .setHops(hops)
                .setSteps(steps)
                .build();
    }
}
