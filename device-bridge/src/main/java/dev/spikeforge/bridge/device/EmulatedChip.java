package dev.spikeforge.bridge.device;

import dev.spikeforge.bridge.DeviceException;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.sim.network.ActivityCounters;
import dev.spikeforge.sim.network.Simulator;
import dev.spikeforge.sim.network.StepOutput;

/**
 * A chip emulated by the bit-exact runtime simulator: what it answers is what the real chip would, counters
 * included. Runs any compiled network (any profile).
 */
public final class EmulatedChip implements ChipDevice {
    private Simulator sim;
    /** Counters of the samples before the last reset; the simulator's own counters hold those since then. */
    private ActivityCounters beforeReset;
    private int[] inputBuffer;
    /** Per axon, the step call that last listed it, to find an axon listed twice in one step. */
    private long[] listedInCall;
    private long call;

    @Override
    public String profile() {
        return "emulated";
    }

    @Override
    public LoadAck load(CompiledNetwork network) {
        sim = null;
        Simulator s;
        try {
            s = new Simulator(network);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(ErrorCode.CORRUPT_NETWORK,
                    "network '" + network.getName() + "' cannot run: " + e.getMessage(), e);
        }
        sim = s;
        beforeReset = s.counters().copy();
        inputBuffer = new int[s.inputs()];
        listedInCall = new long[s.inputs()];
        return LoadAck.newBuilder().setNetwork(network.getName()).setInputs(s.inputs()).setOutputs(s.outputs())
                .setCores(s.counters().cores()).build();
    }

    @Override
    public void reset() {
        Simulator s = loaded();
        beforeReset.add(s.counters());
        s.counters().clear();
        s.reset();
    }

    @Override
    public OutputStep step(InputStep input) {
        Simulator s = loaded();
        int step = s.currentStep();
        if (Integer.toUnsignedLong(input.getStep()) != step) {
            throw new DeviceException(ErrorCode.OUT_OF_ORDER, "InputStep.step is " + Integer.toUnsignedString(input.getStep())
                    + " but the device is at step " + step + " since the last Reset");
        }
        int n = input.getSpikesCount();
        if (n > inputBuffer.length) {
            throw new DeviceException(ErrorCode.INVALID_INPUT, n + " input spikes at step " + step
                    + ": more than the network's " + inputBuffer.length + " input axons, so some axon is repeated or out of range");
        }
        call++;
        for (int k = 0; k < n; k++) {
            int axon = input.getSpikes(k);
            if (axon < 0 || axon >= inputBuffer.length) {
                throw new DeviceException(ErrorCode.INVALID_INPUT, "input axon " + Integer.toUnsignedString(axon) + " at step " + step
                        + " is out of range: the network has " + inputBuffer.length + " input axons (0.." + (inputBuffer.length - 1) + ")");
            }
            // A chip axon either fires in a step or not; a repeat would be counted twice by the simulator.
            if (listedInCall[axon] == call) {
                throw new DeviceException(ErrorCode.INVALID_INPUT, "input axon " + axon + " is listed twice at step " + step);
            }
            listedInCall[axon] = call;
            inputBuffer[k] = axon;
        }
        CounterTotals before = CounterTotals.of(s.counters());
        StepOutput out = s.step(inputBuffer, n);
        CounterTotals during = CounterTotals.of(s.counters()).minus(before);
        OutputStep.Builder b = OutputStep.newBuilder().setStep(out.step()).setCounters(during.toProto());
        for (int k = 0; k < out.spikeCount(); k++) b.addSpikes(out.spike(k));
        if (out.hasReadout()) for (int v : out.readout()) b.addReadout(v);
        return b.build();
    }

    @Override
    public Telemetry telemetry() {
        Simulator s = loaded();
        ActivityCounters sinceLoad = beforeReset.copy();
        sinceLoad.add(s.counters());
        return TelemetryMessages.of(s.counters(), sinceLoad, s.network().getProfile().getEnergy());
    }

    private Simulator loaded() {
        // The session only forwards these calls once a network is loaded; reaching here without one is a bug.
        if (sim == null) throw new IllegalStateException("no network loaded");
        return sim;
    }
}
