package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;

/**
 * The client's half of the handshake, mirroring the server's {@code Handshake}: what Hello to send
 * (one that opens a session, or one that resumes it) and what the device's answer means. Pure
 * logic; {@link SessionRecovery} sends the Hello and carries the answer out.
 */
final class ClientHandshake {
    private ClientHandshake() {}

    sealed interface Answer permits Accepted, Refused, Expired {}

    /**
     * The device opened or resumed the session. {@code seq} is the HelloAck's own seq (the last the
     * client has received), {@code window} the most requests the client may keep unanswered: its
     * own limit or the device's.
     */
    record Accepted(HelloAck ack, long seq, int window) implements Answer {}

    /** The device refused the Hello, or answered something that is not a usable HelloAck. */
    record Refused(DeviceException cause) implements Answer {}

    /**
     * A resume the device can no longer grant (it does not hold the session): a new session is the
     * way on.
     */
    record Expired(DeviceException cause) implements Answer {}

    /** The Hello that opens a session: seq 1, the first of the session's numbering. */
    static Frame opening(ClientOptions options) {
        return Frame.newBuilder().setSeq(1).setHello(body(options)).build();
    }

    /**
     * The Hello that resumes {@code sessionId}: seq 0, outside the numbering, which goes on where
     * it was.
     */
    static Frame resuming(ClientOptions options, String sessionId, long lastReceived) {
        return Frame.newBuilder()
                .setSeq(0)
                .setHello(body(options).setSessionId(sessionId).setLastReceivedSeq(lastReceived))
                .build();
    }

    static Answer evaluate(Frame reply, ClientOptions options, boolean resuming) {
        if (reply.getBodyCase() == Frame.BodyCase.ERROR) {
            DeviceException e = Replies.error(reply.getError());
            return resuming && reply.getError().getCode() == ErrorCode.RESUME_FAILED
                    ? new Expired(e)
                    : new Refused(e);
        }
        if (reply.getBodyCase() != Frame.BodyCase.HELLO_ACK)
            return new Refused(Replies.unexpected(reply, Frame.BodyCase.HELLO_ACK));
        HelloAck ack = reply.getHelloAck();
        if (ack.getProtocolVersion() < BridgeProtocol.MIN_VERSION
                || ack.getProtocolVersion() > BridgeProtocol.VERSION) {
            return new Refused(
                    new DeviceException(
                            ErrorCode.VERSION_MISMATCH,
                            "the device answered with protocol version "
                                    + ack.getProtocolVersion()
                                    + ", this client speaks "
                                    + BridgeProtocol.MIN_VERSION
                                    + " to "
                                    + BridgeProtocol.VERSION));
        }
        // A device window of 0 sets no limit of its own.
        int deviceWindow = ack.getWindow() == 0 ? Integer.MAX_VALUE : ack.getWindow();
        return new Accepted(ack, reply.getSeq(), Math.min(options.window(), deviceWindow));
    }

    private static Hello.Builder body(ClientOptions options) {
        Hello.Builder h =
                Hello.newBuilder()
                        .setProtocolVersion(BridgeProtocol.VERSION)
                        .setMinProtocolVersion(BridgeProtocol.MIN_VERSION)
                        .setClient(options.clientName())
                        .addAllCapabilities(BridgeProtocol.CAPABILITIES)
                        .addAllRequiredCapabilities(options.requiredCapabilities());
        if (options.token() != null) h.setToken(options.token());
        return h;
    }
}
