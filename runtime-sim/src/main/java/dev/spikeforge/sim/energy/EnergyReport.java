package dev.spikeforge.sim.energy;

import dev.spikeforge.proto.EnergyModel;
import dev.spikeforge.sim.network.ActivityCounters;

/**
 * Energy of a run: counts × the profile's per-event energies plus static power × active cores × time.
 * All values in joules.
 */
public record EnergyReport(double synapticJ, double spikeJ, double neuronUpdateJ, double hopJ, double staticJ,
                           long synapticOps, long spikes, long neuronUpdates, long hops, long steps, int activeCores) {

    public static final String FORMULA = "E = synaptic_ops·E_syn + spikes·E_spike + neuron_updates·E_update + hops·E_hop"
            + " + active_cores·P_static·steps·t_step";

    public static EnergyReport of(ActivityCounters c, EnergyModel m) {
        return ofTotals(c.totalSynapticOps(), c.totalSpikes(), c.totalNeuronUpdates(), c.totalHops(), c.steps(), c.activeCores(), m);
    }

    /**
     * One core's share: its synaptic ops, the spikes it sent and their hops, its neuron updates, and its static
     * energy if it did any work. Host input hops belong to no core.
     */
    public static EnergyReport ofCore(ActivityCounters c, int core, EnergyModel m) {
        long ops = c.synapticOps(core), spikes = c.spikes(core), updates = c.neuronUpdates(core);
        int active = ops + spikes + updates > 0 ? 1 : 0;
        return ofTotals(ops, spikes, updates, c.hops(core), c.steps(), active, m);
    }

    /** The report for totals read elsewhere (e.g. a device's telemetry), with the number of cores that were active. */
    public static EnergyReport ofTotals(long synapticOps, long spikes, long neuronUpdates, long hops, long steps, int activeCores, EnergyModel m) {
        return new EnergyReport(synapticOps * m.getSynapticOpJ(), spikes * m.getSpikeJ(), neuronUpdates * m.getNeuronUpdateJ(),
                hops * m.getHopJ(), activeCores * m.getStaticPowerPerCoreW() * steps * m.getStepSeconds(),
                synapticOps, spikes, neuronUpdates, hops, steps, activeCores);
    }

    public double dynamicJ() {
        return synapticJ + spikeJ + neuronUpdateJ + hopJ;
    }

    public double totalJ() {
        return dynamicJ() + staticJ;
    }

    /** The same report divided by a number of inferences. */
    public EnergyReport perInference(long inferences) {
        double d = Math.max(1, inferences);
        return new EnergyReport(synapticJ / d, spikeJ / d, neuronUpdateJ / d, hopJ / d, staticJ / d,
                Math.round(synapticOps / d), Math.round(spikes / d), Math.round(neuronUpdates / d), Math.round(hops / d),
                Math.round(steps / d), activeCores);
    }
}
