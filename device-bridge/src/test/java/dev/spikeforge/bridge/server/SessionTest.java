package dev.spikeforge.bridge.server;

import dev.spikeforge.bridge.BridgeProtocol;
import dev.spikeforge.bridge.TestNetworks;
import dev.spikeforge.bridge.codec.ArtifactBytes;
import dev.spikeforge.bridge.device.EmulatedChip;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.TelemetryRequest;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine frame by frame, without a connection. */
class SessionTest {
    private final Session session = new Session(new EmulatedChip(), ServerOptions.defaults());
    private long seq;

    private Session.Outcome send(Frame.Builder f) {
        return session.handle(f.setSeq(++seq).build());
    }

    private static ErrorCode errorOf(Session.Outcome o) {
        assertEquals(Frame.BodyCase.ERROR, o.reply().getBodyCase(), o.reply().toString());
        return o.reply().getError().getCode();
    }

    private void hello() {
        send(Frame.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(BridgeProtocol.VERSION)));
        assertEquals(SessionState.READY_EMPTY, session.state());
    }

    @Test
    void repliesAckTheRequestAndCountTheirOwnSeq() {
        Session.Outcome a = send(Frame.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1)));
        Session.Outcome b = send(Frame.newBuilder().setTelemetryRequest(TelemetryRequest.getDefaultInstance()));
        assertEquals(1, a.reply().getSeq());
        assertEquals(1, a.reply().getAck());
        assertEquals(2, b.reply().getSeq());
        assertEquals(2, b.reply().getAck());
        assertEquals(BridgeProtocol.DEFAULT_MAX_FRAME_BYTES, a.reply().getHelloAck().getMaxFrameBytes());
    }

    @Test
    void uploadMovesThroughLoadingToLoaded() {
        hello();
        byte[] bytes = ArtifactBytes.of(TestNetworks.spikingNetwork(1));
        assertNull(send(Frame.newBuilder().setLoadChunk(LoadChunk.newBuilder().setIndex(0)
                .setData(ByteString.copyFrom(bytes, 0, 5)).setTotalBytes(bytes.length))).reply());
        assertEquals(SessionState.LOADING, session.state());
        assertEquals(ErrorCode.BAD_STATE, errorOf(send(Frame.newBuilder().setInputStep(InputStep.newBuilder()))));
        Session.Outcome done = send(Frame.newBuilder().setLoadChunk(LoadChunk.newBuilder().setIndex(1)
                .setData(ByteString.copyFrom(bytes, 5, bytes.length - 5)).setLast(true).setTotalBytes(bytes.length)
                .setCrc32C(ArtifactBytes.crc32c(bytes))));
        assertEquals(5, done.reply().getLoadAck().getInputs());
        assertEquals(SessionState.LOADED, session.state());
    }

    @Test
    void deviceMessagesFromTheHostAreBadStateAndErrorsAreNeverAnswered() {
        hello();
        assertEquals(ErrorCode.BAD_STATE, errorOf(send(Frame.newBuilder().setOutputStep(OutputStep.getDefaultInstance()))));
        Session.Outcome ignored = send(Frame.newBuilder().setError(dev.spikeforge.proto.Error.newBuilder().setCode(ErrorCode.INTERNAL)));
        assertNull(ignored.reply());
        assertFalse(ignored.close());
        // The ignored Error still counted as the host's frame: the next seq is in order.
        assertEquals(ErrorCode.BAD_STATE, errorOf(send(Frame.newBuilder().setTelemetryRequest(TelemetryRequest.getDefaultInstance()))));
    }

    @Test
    void closeEndsTheSessionAndLaterFramesAreIgnored() {
        hello();
        Session.Outcome bye = send(Frame.newBuilder().setClose(Close.getDefaultInstance()));
        assertEquals(Frame.BodyCase.CLOSE, bye.reply().getBodyCase());
        assertTrue(bye.close());
        assertEquals(SessionState.CLOSED, session.state());
        assertNull(send(Frame.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(1))).reply());
    }
}
