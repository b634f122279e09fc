package dev.spikeforge.device.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.HelloAck;
import org.junit.jupiter.api.Test;

/**
 * The client's half of the handshake, without a connection: the Hellos it sends and how it reads
 * the answers.
 */
class ClientHandshakeTest {
    private final ClientOptions options = ClientOptions.defaults().withWindow(32).withToken("t0k");

    private static Frame ack(long seq, int version, int window) {
        return Frame.newBuilder()
                .setSeq(seq)
                .setHelloAck(
                        HelloAck.newBuilder()
                                .setProtocolVersion(version)
                                .setWindow(window)
                                .setSessionId("s-1"))
                .build();
    }

    private static Frame error(ErrorCode code) {
        return Frame.newBuilder()
                .setError(dev.spikeforge.proto.Error.newBuilder().setCode(code).setMessage("no"))
                .build();
    }

    @Test
    void anOpeningHelloIsSeqOneAndAResumingOneSeqZero() {
        Frame open = ClientHandshake.opening(options);
        assertEquals(1, open.getSeq());
        assertEquals("", open.getHello().getSessionId());
        assertEquals("t0k", open.getHello().getToken());
        assertEquals(BridgeProtocol.VERSION, open.getHello().getProtocolVersion());
        Frame resume = ClientHandshake.resuming(options, "s-1", 41);
        assertEquals(0, resume.getSeq());
        assertEquals("s-1", resume.getHello().getSessionId());
        assertEquals(41, resume.getHello().getLastReceivedSeq());
    }

    @Test
    void theWindowIsTheSmallerOfTheClientsAndTheDevicesAndZeroMeansNoLimit() {
        var a =
                assertInstanceOf(
                        ClientHandshake.Accepted.class,
                        ClientHandshake.evaluate(
                                ack(0, BridgeProtocol.VERSION, 8), options, false));
        assertEquals(8, a.window());
        assertEquals(
                32,
                ((ClientHandshake.Accepted)
                                ClientHandshake.evaluate(
                                        ack(0, BridgeProtocol.VERSION, 0), options, false))
                        .window());
        assertEquals(
                32,
                ((ClientHandshake.Accepted)
                                ClientHandshake.evaluate(
                                        ack(0, BridgeProtocol.VERSION, 500), options, false))
                        .window());
    }

    @Test
    void refusalsAndAnExpiredResume() {
        var v =
                assertInstanceOf(
                        ClientHandshake.Refused.class,
                        ClientHandshake.evaluate(
                                ack(0, BridgeProtocol.VERSION + 1, 8), options, false));
        assertEquals(ErrorCode.VERSION_MISMATCH, v.cause().code());
        var m =
                assertInstanceOf(
                        ClientHandshake.Refused.class,
                        ClientHandshake.evaluate(
                                Frame.newBuilder()
                                        .setResetAck(
                                                dev.spikeforge.proto.ResetAck.getDefaultInstance())
                                        .build(),
                                options,
                                false));
        assertEquals(ErrorCode.MALFORMED, m.cause().code());
        assertEquals(
                ErrorCode.UNAUTHORIZED,
                assertInstanceOf(
                                ClientHandshake.Refused.class,
                                ClientHandshake.evaluate(
                                        error(ErrorCode.UNAUTHORIZED), options, true))
                        .cause()
                        .code());
        // RESUME_FAILED only means "open a new session" in answer to a resume.
        assertInstanceOf(
                ClientHandshake.Expired.class,
                ClientHandshake.evaluate(error(ErrorCode.RESUME_FAILED), options, true));
        assertInstanceOf(
                ClientHandshake.Refused.class,
                ClientHandshake.evaluate(error(ErrorCode.RESUME_FAILED), options, false));
    }
}
