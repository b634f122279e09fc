package dev.spikeforge.device.bridge.device;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;

/**
 * The chip behind a server session, in protocol terms. The server only talks to this interface; the
 * usual implementation is {@link AdapterDevice} over a {@link ChipAdapter} (the emulator or a board
 * driver), which is the level a new board implements.
 *
 * <p>One instance serves one session and is called from one thread at a time. Methods report what
 * the protocol calls errors by throwing {@link DeviceException} with the matching code; the session
 * turns it into an Error frame.
 */
public interface ChipDevice extends AutoCloseable {

    /**
     * Name of the chip profile the device implements (HelloAck.profile); "emulated" for one that
     * runs any.
     */
    String profile();

    /**
     * Replaces the loaded network. On failure (CORRUPT_NETWORK: the network cannot run on this
     * device) the device holds no network.
     */
    LoadAck load(CompiledNetwork network);

    /**
     * Host memory, in bytes, that loading {@code network} would take, estimated from its declared
     * sizes before anything is allocated; the server admits networks against its memory budget with
     * it. 0 when the host holds nothing of it.
     */
    default long memoryNeeded(CompiledNetwork network) {
        return 0;
    }

    /**
     * Clears neuron state, pending synaptic input and the since-reset counters: the start of a new
     * sample.
     */
    void reset();

    /**
     * Runs one step. The step index must be the number of steps since the last reset (or load),
     * else OUT_OF_ORDER; an axon outside the network's inputs or listed twice is INVALID_INPUT.
     */
    OutputStep step(InputStep input);

    /** Counters since the last reset and since load, per core, and their energy. */
    Telemetry telemetry();

    /** Releases the device when its session ends. */
    @Override
    default void close() {}
}
