package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what a Hello asks for and whether it may have it: version negotiation, the token,
 * capabilities, and whether it opens a new session or resumes one. Pure logic; the connection
 * handler carries the decision out.
 */
final class Handshake {
    private Handshake() {}

    sealed interface Decision permits Refuse, Open, Resume {}

    /** Answer Error {@code code} (seq 0); close the connection when {@code close}. */
    record Refuse(ErrorCode code, String message, boolean close) implements Decision {}

    /** Open a new session; {@code ack} is the HelloAck without session id and profile. */
    record Open(HelloAck.Builder ack) implements Decision {}

    /** Resume session {@code sessionId}, sending again the frames after {@code lastReceived}. */
    record Resume(String sessionId, long lastReceived, HelloAck.Builder ack) implements Decision {}

    static Decision evaluate(Frame frame, ServerOptions options) {
        Hello hello = frame.getHello();
        int hostMax = hello.getProtocolVersion();
        int hostMin = hello.getMinProtocolVersion() == 0 ? hostMax : hello.getMinProtocolVersion();
        int version = Math.min(hostMax, BridgeProtocol.VERSION);
        if (version < Math.max(hostMin, BridgeProtocol.MIN_VERSION)) {
            return new Refuse(
                    ErrorCode.VERSION_MISMATCH,
                    "this device speaks protocol versions "
                            + BridgeProtocol.MIN_VERSION
                            + " to "
                            + BridgeProtocol.VERSION
                            + ", the host "
                            + hostMin
                            + " to "
                            + hostMax,
                    true);
        }
        if (options.token() != null && !tokenMatches(options.token(), hello.getToken())) {
            return new Refuse(
                    ErrorCode.UNAUTHORIZED,
                    hello.getToken().isEmpty()
                            ? "this device requires a token in Hello.token"
                            : "wrong token",
                    true);
        }
        List<String> supported = supported(options);
        List<String> lacking =
                hello.getRequiredCapabilitiesList().stream()
                        .filter(c -> !supported.contains(c))
                        .toList();
        if (!lacking.isEmpty()) {
            return new Refuse(
                    ErrorCode.CAPABILITY_MISMATCH,
                    "the host requires " + lacking + ", this device supports " + supported,
                    true);
        }
        Set<String> asked = new LinkedHashSet<>(hello.getCapabilitiesList());
        asked.addAll(hello.getRequiredCapabilitiesList());
        List<String> granted = new ArrayList<>();
        for (String c : supported) if (asked.contains(c)) granted.add(c);
        HelloAck.Builder ack =
                HelloAck.newBuilder()
                        .setProtocolVersion(version)
                        .setServer(options.serverName())
                        .addAllCapabilities(granted)
                        .setMaxFrameBytes(options.maxFrameBytes())
                        .setWindow(options.window())
                        .setResumeTimeoutMs(
                                granted.contains(BridgeProtocol.CAP_RESUME)
                                        ? options.resumeTimeout().toMillis()
                                        : 0)
                        .setIdleTimeoutMs(options.idleTimeout().toMillis());
        if (!hello.getSessionId().isEmpty()) {
            // A resuming Hello stands outside the session's numbering: the host's frames continue
            // where they were.
            if (frame.getSeq() != 0) {
                return new Refuse(
                        ErrorCode.OUT_OF_ORDER,
                        "a Hello that resumes a session has seq 0, found "
                                + Long.toUnsignedString(frame.getSeq()),
                        false);
            }
            return new Resume(
                    hello.getSessionId(), hello.getLastReceivedSeq(), ack.setResumed(true));
        }
        if (frame.getSeq() != 1) {
            return new Refuse(
                    ErrorCode.OUT_OF_ORDER,
                    "the Hello that opens a session has seq 1, found "
                            + Long.toUnsignedString(frame.getSeq()),
                    false);
        }
        return new Open(ack);
    }

    static List<String> supported(ServerOptions options) {
        return BridgeProtocol.CAPABILITIES.stream()
                .filter(c -> options.resumable() || !c.equals(BridgeProtocol.CAP_RESUME))
                .toList();
    }

    /**
     * Constant-time comparison, so the time to refuse says nothing about how much of a guess was
     * right.
     */
    private static boolean tokenMatches(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
