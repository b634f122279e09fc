package dev.spikeforge.device.bridge.device;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.MemoryEstimate;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;

/**
 * The first {@link ChipAdapter}: a chip emulated by the bit-exact runtime simulator, so what it
 * answers is what the real chip would, counters included. Without a profile it runs networks
 * compiled for any profile; with one it stands for that chip: networks compiled for another
 * profile, or for a profile of the same name whose limits exceed the chip's ({@link
 * ProfileLimits}), are refused, and its profile (figures, geometry, supported features) replaces
 * the one the network embeds. (Users' tests embed the same simulator directly through {@code
 * dev.spikeforge.runtime.sim.chip.EmulatedChip}.)
 */
public final class SimulatorChipAdapter implements ChipAdapter {
    private final ChipProfile profile;
    private Simulator sim;

    /**
     * Per-core counters and chip time of the samples before the last clearState; the simulator's
     * own hold those since.
     */
    private ActivityCounters beforeReset;

    private ChipClock clockBeforeReset;

    /** An emulator that runs any network. */
    public SimulatorChipAdapter() {
        this(null);
    }

    /** An emulator of the chip {@code profile} describes (null: any). */
    public SimulatorChipAdapter(ChipProfile profile) {
        this.profile = profile;
    }

    @Override
    public String profile() {
        return profile == null ? null : profile.getName();
    }

    /**
     * The simulator's layout and one simulator's state (MemoryEstimate), for a network that passed
     * the validator.
     */
    @Override
    public long memoryNeeded(CompiledNetwork network) {
        return MemoryEstimate.bytes(network, SimOptions.DEFAULT);
    }

    @Override
    public Shape configure(CompiledNetwork network) {
        sim = null;
        if (profile != null) {
            // The chip's profile replaces the embedded one below, so the network must fit the
            // chip's limits.
            java.util.List<String> exceeded = ProfileLimits.exceeded(profile, network.getProfile());
            if (!exceeded.isEmpty()) {
                throw new DeviceException(
                        ErrorCode.PROFILE_MISMATCH,
                        "network '"
                                + network.getName()
                                + "' was compiled for a '"
                                + network.getProfile().getName()
                                + "' profile whose limits this '"
                                + profile.getName()
                                + "' chip does not have: "
                                + String.join(", ", exceeded));
            }
        }
        Simulator s;
        try {
            s =
                    new Simulator(
                            profile == null
                                    ? network
                                    : network.toBuilder().setProfile(profile).build());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(
                    ErrorCode.CORRUPT_NETWORK,
                    "network '" + network.getName() + "' cannot run: " + e.getMessage(),
                    e);
        }
        sim = s;
        beforeReset = s.counters().copy();
        clockBeforeReset = s.clock().emptyCopy();
        return new Shape(s.inputs(), s.outputs(), s.counters().cores());
    }

    @Override
    public void clearState() {
        Simulator s = loaded();
        beforeReset.add(s.counters());
        clockBeforeReset.add(s.clock());
        s.counters().clear();
        s.clock().clear();
        s.reset();
    }

    @Override
    public Step step(int[] axons, int[] payloads, int count) {
        Simulator s = loaded();
        CounterTotals before = CounterTotals.of(s.counters());
        StepOutput out = s.step(axons, payloads, count);
        CounterTotals during = CounterTotals.of(s.counters()).minus(before);
        int n = out.spikeCount();
        int[] spikes = new int[n];
        for (int k = 0; k < n; k++) spikes[k] = out.spike(k);
        return new Step(spikes, n, out.hasReadout() ? out.readout() : null, during);
    }

    @Override
    public CounterTotals[] coreCounters() {
        Simulator s = loaded();
        ActivityCounters all = beforeReset.copy();
        all.add(s.counters());
        CounterTotals[] perCore = new CounterTotals[all.cores()];
        for (int c = 0; c < perCore.length; c++) perCore[c] = CounterTotals.ofCore(all, c);
        return perCore;
    }

    @Override
    public EnergyBreakdown costs(boolean sinceReset) {
        Simulator s = loaded();
        ActivityCounters c = s.counters().copy();
        ChipClock clock = s.clock().emptyCopy();
        clock.add(s.clock());
        if (!sinceReset) {
            c.add(beforeReset);
            clock.add(clockBeforeReset);
        }
        return EnergyBreakdown.of(s.model(), c, clock.report(1), 1, AnnComparison.FP32_MAC_J);
    }

    private Simulator loaded() {
        // AdapterDevice only forwards these calls once a network is configured; reaching here
        // without one is a bug.
        if (sim == null) throw new IllegalStateException("no network configured");
        return sim;
    }
}
