package dev.spikeforge.bridge.server;

import dev.spikeforge.artifact.ArtifactException;
import dev.spikeforge.artifact.ArtifactFiles;
import dev.spikeforge.artifact.ArtifactKind;
import dev.spikeforge.bridge.BridgeProtocol;
import dev.spikeforge.bridge.DeviceException;
import dev.spikeforge.bridge.codec.TransportErrors;
import dev.spikeforge.bridge.device.ChipDevice;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.ResetAck;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The server side of one session: the protocol state machine in front of one {@link ChipDevice}, free of any
 * networking so it can be reasoned about (and tested) frame by frame. Not thread-safe: the channel handler calls it
 * from the session's single executor thread.
 */
public final class Session {
    /** Name used for the upload in artifact error messages ("upload: corrupt: ..."). */
    private static final Path UPLOAD = Path.of("upload");

    /** What to send back (null: nothing) and whether to close the connection after sending it. */
    public record Outcome(Frame reply, boolean close) {
        static final Outcome NONE = new Outcome(null, false);
    }

    private final ChipDevice device;
    private final ServerOptions options;
    private final String sessionId = UUID.randomUUID().toString();
    private final UploadAssembler upload;
    private SessionState state = SessionState.AWAIT_HELLO;
    private long lastClientSeq;
    private long serverSeq;

    public Session(ChipDevice device, ServerOptions options) {
        this.device = device;
        this.options = options;
        this.upload = new UploadAssembler(options.maxArtifactBytes());
    }

    public SessionState state() {
        return state;
    }

    public String id() {
        return sessionId;
    }

    /** Processes one frame from the host. */
    public Outcome handle(Frame frame) {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        boolean inOrder = frame.getSeq() == lastClientSeq + 1;
        if (inOrder) lastClientSeq = frame.getSeq();
        // Errors are never answered, so two peers can never bounce errors back and forth.
        if (frame.getBodyCase() == Frame.BodyCase.ERROR) return Outcome.NONE;
        if (!inOrder) {
            return error(frame.getSeq(), ErrorCode.OUT_OF_ORDER, "frame seq " + Long.toUnsignedString(frame.getSeq())
                    + ", expected " + (lastClientSeq + 1) + " (seq counts the host's frames from 1)", false);
        }
        try {
            return dispatch(frame);
        } catch (DeviceException e) {
            return error(frame.getSeq(), e.code(), e.detail(), false);
        } catch (RuntimeException e) {
            // The device failed in a way it did not report: its state is unknown, so the session cannot go on.
            return error(frame.getSeq(), ErrorCode.INTERNAL, "device failure: " + e, true);
        }
    }

    /** The connection failed under the session (bad framing, I/O error): report what can be reported and end it. */
    public Outcome failure(Throwable cause) {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        DeviceException e = TransportErrors.classify(cause);
        return error(0, e.code(), e.detail(), true);
    }

    /** The server is shutting down: tell the host with an unsolicited Close. */
    public Outcome shutdown() {
        if (state == SessionState.CLOSED) return Outcome.NONE;
        state = SessionState.CLOSED;
        return new Outcome(reply(0).setClose(Close.getDefaultInstance()).build(), true);
    }

    /** The connection is gone. */
    public void end() {
        state = SessionState.CLOSED;
        device.close();
    }

    private Outcome dispatch(Frame frame) {
        long seq = frame.getSeq();
        return switch (frame.getBodyCase()) {
            case HELLO -> hello(seq, frame.getHello());
            case LOAD_CHUNK -> loadChunk(seq, frame.getLoadChunk());
            case RESET -> {
                requireLoaded("Reset");
                device.reset();
                yield send(reply(seq).setResetAck(ResetAck.getDefaultInstance()));
            }
            case INPUT_STEP -> {
                requireLoaded("InputStep");
                yield send(reply(seq).setOutputStep(device.step(frame.getInputStep())));
            }
            case TELEMETRY_REQUEST -> {
                requireLoaded("TelemetryRequest");
                yield send(reply(seq).setTelemetry(device.telemetry()));
            }
            case CLOSE -> {
                state = SessionState.CLOSED;
                yield new Outcome(reply(seq).setClose(Close.getDefaultInstance()).build(), true);
            }
            case HELLO_ACK, LOAD_ACK, RESET_ACK, OUTPUT_STEP, TELEMETRY ->
                    throw new DeviceException(ErrorCode.BAD_STATE, frame.getBodyCase() + " is sent by the device, never by the host");
            case BODY_NOT_SET -> throw new DeviceException(ErrorCode.MALFORMED,
                    "frame has no body (or one this protocol version does not know)");
            case ERROR -> throw new IllegalStateException("errors are filtered before dispatch");
        };
    }

    private Outcome hello(long seq, Hello hello) {
        if (state != SessionState.AWAIT_HELLO) throw badState("Hello");
        if (hello.getProtocolVersion() != BridgeProtocol.VERSION) {
            state = SessionState.CLOSED;
            return error(seq, ErrorCode.VERSION_MISMATCH, "this device speaks protocol version " + BridgeProtocol.VERSION
                    + ", the host asked for " + hello.getProtocolVersion(), true);
        }
        // Hello.token and Hello.session_id (auth, resume) are not implemented yet: every Hello starts a new session.
        state = SessionState.READY_EMPTY;
        return send(reply(seq).setHelloAck(HelloAck.newBuilder()
                .setProtocolVersion(BridgeProtocol.VERSION)
                .setServer(options.serverName())
                .setSessionId(sessionId)
                .setProfile(device.profile())
                .setMaxFrameBytes(options.maxFrameBytes())));
    }

    private Outcome loadChunk(long seq, LoadChunk chunk) {
        if (state == SessionState.AWAIT_HELLO) throw badState("LoadChunk");
        // Any chunk ends the current network: the device holds the new one only once its upload succeeds.
        state = SessionState.READY_EMPTY;
        byte[] artifact = upload.accept(chunk);
        if (artifact == null) {
            if (upload.inProgress()) state = SessionState.LOADING;
            return Outcome.NONE;
        }
        CompiledNetwork network;
        try {
            network = (CompiledNetwork) ArtifactFiles.decode(UPLOAD, artifact, ArtifactKind.COMPILED_NETWORK);
        } catch (ArtifactException e) {
            throw new DeviceException(ErrorCode.CORRUPT_NETWORK, e.getMessage(), e);
        }
        LoadAck ack = device.load(network);
        state = SessionState.LOADED;
        return send(reply(seq).setLoadAck(ack));
    }

    private void requireLoaded(String what) {
        if (state != SessionState.LOADED) throw badState(what);
    }

    private DeviceException badState(String what) {
        String why = switch (state) {
            case AWAIT_HELLO -> "the session has not been opened with Hello";
            case READY_EMPTY -> what.equals("Hello") ? "Hello was already received" : "no network is loaded";
            case LOADING -> what.equals("Hello") ? "Hello was already received" : "a network upload is in progress";
            case LOADED -> "Hello was already received";
            case CLOSED -> "the session is closed";
        };
        return new DeviceException(ErrorCode.BAD_STATE, what + " is not allowed in state " + state + ": " + why);
    }

    private Frame.Builder reply(long ack) {
        return Frame.newBuilder().setSeq(++serverSeq).setAck(ack);
    }

    private static Outcome send(Frame.Builder frame) {
        return new Outcome(frame.build(), false);
    }

    private Outcome error(long ack, ErrorCode code, String message, boolean close) {
        if (close) state = SessionState.CLOSED;
        Frame f = reply(ack).setError(dev.spikeforge.proto.Error.newBuilder().setCode(code).setMessage(message)).build();
        return new Outcome(f, close);
    }
}
