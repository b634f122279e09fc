package dev.spikeforge.device.bridge.device;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;

/**
 * What a chip driver implements: a board on USB, SPI or PCIe, or the emulator ({@link
 * SimulatorChipAdapter}). It does the hardware operations only; {@link AdapterDevice} puts the
 * protocol around it (input validation, step order, since-reset and since-load counters,
 * telemetry), so a new board needs no change to the server, the client or the protocol: {@code new
 * EmulatedChipServer(options, () -> new AdapterDevice(new MyBoard(...)))}.
 *
 * <p>One instance drives one chip and is called from one thread at a time. A failure the protocol
 * names (the network cannot run on this chip) is a {@link
 * dev.spikeforge.device.bridge.DeviceException}; any other exception means the chip's state is
 * unknown, and the session using it ends with INTERNAL.
 */
public interface ChipAdapter extends AutoCloseable {

    /**
     * The chip profile's name (HelloAck.profile); null for a chip that runs networks compiled for
     * any profile.
     */
    String profile();

    /**
     * Host memory, in bytes, that {@link #configure} would take for {@code network}, estimated from
     * its declared sizes without allocating (a board driver that keeps nothing of the network on
     * the host returns 0).
     */
    default long memoryNeeded(CompiledNetwork network) {
        return 0;
    }

    /** Writes the network to the chip, leaving clean neuron state and zeroed counters. */
    Shape configure(CompiledNetwork network);

    /**
     * Clears neuron state and synaptic input still in flight, and sets the step index to 0;
     * counters keep counting.
     */
    void clearState();

    /**
     * Runs one step with input axons {@code axons[0 .. count)} spiking, spike k with payload {@code
     * payloads[k]} (null: a network with binary input, or payload 1 for every spike). They are
     * already checked: in range, each at most once, payloads within the network's input width. The
     * arrays of the result may be reused by the next call.
     */
    Step step(int[] axons, int[] payloads, int count);

    /**
     * Counters since {@link #configure}, per core, indexed by core id. Hops exclude host input hops
     * (those are in the per-step totals); steps is the chip's step count.
     */
    CounterTotals[] coreCounters();

    /**
     * Energy and chip time of the steps since the last {@link #clearState} ({@code sinceReset}) or
     * since {@link #configure}, priced with the chip's own figures: by core and layer, with the
     * event counts behind them.
     */
    EnergyBreakdown costs(boolean sinceReset);

    /** Releases the chip. */
    @Override
    default void close() {}

    /** Sizes of a configured network: input axons, last-layer neurons, cores. */
    record Shape(int inputs, int outputs, int cores) {}

    /**
     * What one step did: the last layer's neurons that spiked ({@code spikes[0 .. spikeCount)},
     * ascending), the readout potentials when the last layer is a readout (else null), and the
     * chip-wide counters of this step (hops including host input hops).
     */
    record Step(int[] spikes, int spikeCount, int[] readout, CounterTotals counters) {}
}
