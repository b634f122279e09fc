package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.LoadProgress;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.ResetAck;
import dev.spikeforge.proto.artifact.ArtifactException;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Path;

/**
 * The server side of one session once Hello has opened it: the protocol state machine in front of
 * one {@link ChipDevice}, free of any networking so it can be reasoned about (and tested) frame by
 * frame. Every host frame except an Error gets exactly one reply. Not thread-safe: the session's
 * worker calls it from one thread at a time.
 */
public final class Session {
    /**
     * A decoded network holds up to about this many times its artifact's bytes (see ArtifactFiles).
     */
    private static final long DECODE_FACTOR = 6;

    /** Name used for the upload in artifact error messages ("upload: corrupt: ..."). */
    private static final Path UPLOAD = Path.of("upload");

    /** What to send back (null: nothing) and whether to close the connection after sending it. */
    public record Outcome(Frame reply, boolean close) {
        static final Outcome NONE = new Outcome(null, false);
    }

    private final String id;
    private final ChipDevice device;
    private final ServerOptions options;
    private final ServerMetrics metrics;
    private final UploadAssembler upload;
    private final MemoryBudget.Reservation uploadMemory;
    private final MemoryBudget.Reservation networkMemory;
    private SessionState state = SessionState.READY_EMPTY;
    private boolean draining;
    private long lastClientSeq;
    private long serverSeq;

    /** The protocol version negotiated by the Hello that opened the session. */
    private int version = BridgeProtocol.VERSION;

    public Session(String id, ChipDevice device, ServerOptions options, ServerMetrics metrics) {
        this(id, device, options, metrics, new MemoryBudget(options.memoryBudgetBytes()));
    }

    Session(
            String id,
            ChipDevice device,
            ServerOptions options,
            ServerMetrics metrics,
            MemoryBudget memory) {
        this.id = id;
        this.device = device;
        this.options = options;
        this.metrics = metrics;
        this.uploadMemory = memory.reservation();
        this.networkMemory = memory.reservation();
        this.upload = new UploadAssembler(options.maxArtifactBytes(), uploadMemory);
    }

    /**
     * Gives the session's share of the memory budget back (its worker calls this once, when the
     * session ends).
     */
    void releaseMemory() {
        uploadMemory.release();
        networkMemory.release();
    }

    public SessionState state() {
        return state;
    }

    public String id() {
        return id;
    }

    /** Seq of the last host frame taken in order (answered or, for an Error, ignored). */
    public long lastClientSeq() {
        return lastClientSeq;
    }

    /** Seq of the last frame this session sent. */
    public long serverSeq() {
        return serverSeq;
    }

    /**
     * Answers the Hello (seq 1) that opened the session; {@code ack} is the negotiated HelloAck
     * without seq fields.
     */
    public Outcome open(long helloSeq, HelloAck.Builder ack) {
        lastClientSeq = helloSeq;
        version = ack.getProtocolVersion();
        return send(
                reply(helloSeq)
                        .setHelloAck(
                                ack.setSessionId(id)
                                        .setProfile(device.profile())
                                        .setNextSeq(helloSeq + 1)));
    }

    /** Processes one frame from the host. */
    public Outcome handle(Frame frame) {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        boolean inOrder = frame.getSeq() == lastClientSeq + 1;
        if (inOrder) lastClientSeq = frame.getSeq();
        // Errors are never answered, so two peers can never bounce errors back and forth.
        if (frame.getBodyCase() == Frame.BodyCase.ERROR) return Outcome.NONE;
        if (!inOrder) {
            return error(
                    frame.getSeq(),
                    ErrorCode.OUT_OF_ORDER,
                    "frame seq "
                            + Long.toUnsignedString(frame.getSeq())
                            + ", expected "
                            + (lastClientSeq + 1)
                            + " (seq counts the host's frames from 1)",
                    false);
        }
        if (draining && frame.getBodyCase() != Frame.BodyCase.CLOSE) {
            return error(
                    frame.getSeq(),
                    ErrorCode.SHUTTING_DOWN,
                    "the device is shutting down; " + frame.getBodyCase() + " was not run",
                    false);
        }
        try {
            return dispatch(frame);
        } catch (DeviceException e) {
            return error(frame.getSeq(), e.code(), e.detail(), false);
        } catch (RuntimeException e) {
            // The device failed in a way it did not report: its state is unknown, so the session
            // cannot go on.
            return error(frame.getSeq(), ErrorCode.INTERNAL, "device failure: " + e, true);
        }
    }

    /** The server is shutting down: frames from now on are refused with SHUTTING_DOWN. */
    public void drain() {
        draining = true;
    }

    /** The device closes the session on its own (shutting down): an unsolicited Close. */
    public Outcome closeByDevice(String reason) {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        state = SessionState.CLOSED;
        return new Outcome(reply(0).setClose(Close.newBuilder().setReason(reason)).build(), true);
    }

    /**
     * The session cannot go on (its connection's byte stream broke, or a request timed out): a
     * final Error.
     */
    public Outcome fail(ErrorCode code, String message) {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        return error(0, code, message, true);
    }

    private Outcome dispatch(Frame frame) {
        long seq = frame.getSeq();
        return switch (frame.getBodyCase()) {
            case HELLO ->
                    throw new DeviceException(
                            ErrorCode.BAD_STATE,
                            "Hello is not allowed in state "
                                    + state
                                    + ": the session is already open");
            case LOAD_CHUNK -> loadChunk(seq, frame.getLoadChunk());
            case RESET -> {
                requireLoaded("Reset");
                device.reset();
                yield send(reply(seq).setResetAck(ResetAck.getDefaultInstance()));
            }
            case INPUT_STEP -> {
                requireLoaded("InputStep");
                InputStep in = frame.getInputStep();
                OutputStep out = device.step(in);
                metrics.stepRun(in.getSpikesCount(), out.getSpikesCount());
                yield send(reply(seq).setOutputStep(out));
            }
            case TELEMETRY_REQUEST -> {
                requireLoaded("TelemetryRequest");
                yield send(reply(seq).setTelemetry(device.telemetry()));
            }
            case CLOSE -> {
                state = SessionState.CLOSED;
                yield new Outcome(reply(seq).setClose(Close.getDefaultInstance()).build(), true);
            }
            case HELLO_ACK, LOAD_ACK, LOAD_PROGRESS, RESET_ACK, OUTPUT_STEP, TELEMETRY ->
                    throw new DeviceException(
                            ErrorCode.BAD_STATE,
                            frame.getBodyCase() + " is sent by the device, never by the host");
            case BODY_NOT_SET ->
                    throw new DeviceException(
                            ErrorCode.MALFORMED,
                            "frame has no body (or one this protocol version does not know)");
            case ERROR -> throw new IllegalStateException("errors are filtered before dispatch");
        };
    }

    private Outcome loadChunk(long seq, LoadChunk chunk) {
        // Any chunk ends the current network: the device holds the new one only once its upload
        // succeeds.
        state = SessionState.READY_EMPTY;
        byte[] artifact;
        try {
            artifact = upload.accept(chunk);
        } finally {
            if (upload.inProgress()) state = SessionState.LOADING;
        }
        if (artifact == null) {
            return send(
                    reply(seq)
                            .setLoadProgress(
                                    LoadProgress.newBuilder()
                                            .setIndex(chunk.getIndex())
                                            .setReceivedBytes(upload.receivedBytes())));
        }
        try {
            LoadAck ack = admit(artifact);
            state = SessionState.LOADED;
            return send(reply(seq).setLoadAck(ack));
        } finally {
            uploadMemory.release();
        }
    }

    /**
     * Decodes and loads an uploaded artifact within the memory budget: room to decode it (about six
     * times its size) before decoding, then the device's estimate for the network, from its
     * declared sizes, before the device lays it out. Either refusal is RESOURCE_EXHAUSTED with the
     * estimate and the budget, and nothing is allocated.
     */
    private LoadAck admit(byte[] artifact) {
        uploadMemory.resize(
                (2 + DECODE_FACTOR) * (long) artifact.length,
                "decoding an upload of " + artifact.length + " bytes");
        CompiledNetwork network;
        try {
            network =
                    (CompiledNetwork)
                            ArtifactFiles.decode(UPLOAD, artifact, ArtifactKind.COMPILED_NETWORK);
        } catch (ArtifactException e) {
            throw new DeviceException(ErrorCode.CORRUPT_NETWORK, e.getMessage(), e);
        }
        if (version < BridgeProtocol.PAYLOADS_VERSION
                && network.getInputPayload().getMode() != InputMode.INPUT_SPIKES) {
            // An older host cannot send payloads: every input would arrive as payload 1, silently
            // wrong.
            throw new DeviceException(
                    ErrorCode.INVALID_INPUT,
                    "network '"
                            + network.getName()
                            + "' takes "
                            + network.getInputPayload().getMode()
                            + " input, whose payloads need protocol version "
                            + BridgeProtocol.PAYLOADS_VERSION
                            + "; this session speaks version "
                            + version
                            + ": update the host");
        }
        long need = device.memoryNeeded(network);
        // The device lets go of its old network when it loads the new one, so the old share is
        // swapped, not added.
        long old = networkMemory.held();
        networkMemory.release();
        try {
            networkMemory.resize(need, "network '" + network.getName() + "'");
        } catch (DeviceException e) {
            networkMemory.force(old);
            throw e;
        }
        return device.load(network);
    }

    private void requireLoaded(String what) {
        if (state != SessionState.LOADED) {
            String why =
                    state == SessionState.LOADING
                            ? "a network upload is in progress"
                            : "no network is loaded";
            throw new DeviceException(
                    ErrorCode.BAD_STATE, what + " is not allowed in state " + state + ": " + why);
        }
    }

    private Frame.Builder reply(long ack) {
        return Frame.newBuilder().setSeq(++serverSeq).setAck(ack);
    }

    private static Outcome send(Frame.Builder frame) {
        return new Outcome(frame.build(), false);
    }

    private Outcome error(long ack, ErrorCode code, String message, boolean close) {
        if (close) state = SessionState.CLOSED;
        Frame f =
                reply(ack)
                        .setError(
                                dev.spikeforge.proto.Error.newBuilder()
                                        .setCode(code)
                                        .setMessage(message))
                        .build();
        return new Outcome(f, close);
    }
}
