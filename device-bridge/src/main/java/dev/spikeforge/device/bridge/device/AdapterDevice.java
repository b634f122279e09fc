package dev.spikeforge.device.bridge.device;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;

/**
 * The protocol side of a chip, the same for every {@link ChipAdapter}: checks a network's profile,
 * the step order and the input axons before the chip sees them, and keeps the since-reset and
 * since-load counters that Telemetry reports with their energy.
 */
public final class AdapterDevice implements ChipDevice {
    /** HelloAck.profile of a device that runs networks compiled for any profile. */
    public static final String ANY_PROFILE = "emulated";

    private final ChipAdapter chip;
    private CompiledNetwork network;
    private ChipAdapter.Shape shape;
    private int step;
    private CounterTotals sinceReset = CounterTotals.ZERO;
    private CounterTotals sinceLoad = CounterTotals.ZERO;

    /**
     * Per-core counters (since configure) at the last reset, subtracted to report per-core
     * since-reset counters.
     */
    private CounterTotals[] coresAtReset;

    /** Per axon, the step call that last listed it, to find an axon listed twice in one step. */
    private long[] listedInCall;

    private long call;
    private int[] axons;
    private int[] payloads;

    /** Width of the loaded network's input payloads; 0 for binary input spikes. */
    private int payloadBits;

    public AdapterDevice(ChipAdapter chip) {
        this.chip = chip;
    }

    @Override
    public String profile() {
        String p = chip.profile();
        return p == null || p.isEmpty() ? ANY_PROFILE : p;
    }

    @Override
    public long memoryNeeded(CompiledNetwork network) {
        return chip.memoryNeeded(network);
    }

    @Override
    public LoadAck load(CompiledNetwork net) {
        network = null;
        String p = chip.profile();
        if (p != null && !p.isEmpty() && !p.equals(net.getProfile().getName())) {
            throw new DeviceException(
                    ErrorCode.PROFILE_MISMATCH,
                    "network '"
                            + net.getName()
                            + "' was compiled for chip profile '"
                            + net.getProfile().getName()
                            + "', this device is a '"
                            + p
                            + "' chip");
        }
        ChipAdapter.Shape s = chip.configure(net);
        network = net;
        shape = s;
        step = 0;
        sinceReset = CounterTotals.ZERO;
        sinceLoad = CounterTotals.ZERO;
        coresAtReset = zeros(s.cores());
        listedInCall = new long[s.inputs()];
        axons = new int[s.inputs()];
        payloads = new int[s.inputs()];
        payloadBits =
                net.getInputPayload().getMode() == InputMode.INPUT_SPIKES
                        ? 0
                        : net.getInputPayload().getBits();
        return LoadAck.newBuilder()
                .setNetwork(net.getName())
                .setInputs(s.inputs())
                .setOutputs(s.outputs())
                .setCores(s.cores())
                .build();
    }

    @Override
    public void reset() {
        loaded();
        chip.clearState();
        coresAtReset = chip.coreCounters();
        sinceReset = CounterTotals.ZERO;
        step = 0;
    }

    @Override
    public OutputStep step(InputStep input) {
        loaded();
        if (Integer.toUnsignedLong(input.getStep()) != step) {
            throw new DeviceException(
                    ErrorCode.OUT_OF_ORDER,
                    "InputStep.step is "
                            + Integer.toUnsignedString(input.getStep())
                            + " but the device is at step "
                            + step
                            + " since the last Reset");
        }
        int n = input.getSpikesCount();
        int inputs = shape.inputs();
        if (n > inputs) {
            throw new DeviceException(
                    ErrorCode.INVALID_INPUT,
                    n
                            + " input spikes at step "
                            + step
                            + ": more than the network's "
                            + inputs
                            + " input axons, so some axon is repeated or out of range");
        }
        call++;
        for (int k = 0; k < n; k++) {
            int axon = input.getSpikes(k);
            if (axon < 0 || axon >= inputs) {
                throw new DeviceException(
                        ErrorCode.INVALID_INPUT,
                        "input axon "
                                + Integer.toUnsignedString(axon)
                                + " at step "
                                + step
                                + " is out of range: the network has "
                                + inputs
                                + " input axons (0.."
                                + (inputs - 1)
                                + ")");
            }
            // A chip axon either fires in a step or not; a repeat would be counted twice.
            if (listedInCall[axon] == call) {
                throw new DeviceException(
                        ErrorCode.INVALID_INPUT,
                        "input axon " + axon + " is listed twice at step " + step);
            }
            listedInCall[axon] = call;
            axons[k] = axon;
        }
        ChipAdapter.Step out = chip.step(axons, payloads(input, n), n);
        sinceReset = sinceReset.plus(out.counters());
        sinceLoad = sinceLoad.plus(out.counters());
        OutputStep.Builder b =
                OutputStep.newBuilder().setStep(step).setCounters(out.counters().toProto());
        for (int k = 0; k < out.spikeCount(); k++) b.addSpikes(out.spikes()[k]);
        if (out.readout() != null) for (int v : out.readout()) b.addReadout(v);
        step++;
        return b.build();
    }

    /**
     * The step's payloads, checked against the network's input width; null when the step lists
     * none.
     */
    private int[] payloads(InputStep input, int n) {
        int given = input.getPayloadsCount();
        if (given == 0) return null;
        if (given != n) {
            throw new DeviceException(
                    ErrorCode.INVALID_INPUT,
                    given
                            + " payloads for "
                            + n
                            + " input spikes at step "
                            + step
                            + ": InputStep.payloads must be empty or hold one payload per spike");
        }
        if (payloadBits == 0) {
            for (int k = 0; k < n; k++) {
                if (input.getPayloads(k) != 1) {
                    throw new DeviceException(
                            ErrorCode.INVALID_INPUT,
                            "input spike to axon "
                                    + input.getSpikes(k)
                                    + " at step "
                                    + step
                                    + " carries payload "
                                    + input.getPayloads(k)
                                    + ", but network '"
                                    + network.getName()
                                    + "' takes binary input spikes");
                }
            }
            return null;
        }
        long max = (1L << (payloadBits - 1)) - 1, min = -max - 1;
        for (int k = 0; k < n; k++) {
            int p = input.getPayloads(k);
            if (p < min || p > max) {
                throw new DeviceException(
                        ErrorCode.INVALID_INPUT,
                        "input spike to axon "
                                + input.getSpikes(k)
                                + " at step "
                                + step
                                + " carries payload "
                                + p
                                + ", outside the "
                                + payloadBits
                                + "-bit range "
                                + min
                                + ".."
                                + max
                                + " of network '"
                                + network.getName()
                                + "'");
            }
            payloads[k] = p;
        }
        return payloads;
    }

    @Override
    public Telemetry telemetry() {
        loaded();
        CounterTotals[] cores = chip.coreCounters();
        Telemetry.Builder t =
                Telemetry.newBuilder()
                        .setTotal(sinceReset.toProto())
                        .setCumulative(sinceLoad.toProto());
        for (int c = 0; c < cores.length; c++)
            t.addPerCore(cores[c].minus(coresAtReset[c]).toProto());
        EnergyBreakdown now = chip.costs(true), all = chip.costs(false);
        EnergyReport e = now.total();
        return t.setEnergyJ(e.totalJ())
                .setDynamicEnergyJ(e.dynamicJ())
                .setStaticEnergyJ(e.staticJ())
                .setCumulativeEnergyJ(all.total().totalJ())
                .setCosts(CostWire.of(now))
                .setCumulativeCosts(CostWire.of(all))
                .build();
    }

    @Override
    public void close() {
        chip.close();
    }

    private void loaded() {
        // The session forwards these calls only once a network is loaded; reaching here without one
        // is a bug.
        if (network == null) throw new IllegalStateException("no network loaded");
    }

    private static CounterTotals[] zeros(int n) {
        CounterTotals[] z = new CounterTotals[n];
        java.util.Arrays.fill(z, CounterTotals.ZERO);
        return z;
    }
}
