package dev.spikeforge.device.bridge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.spikeforge.device.bridge.TestNetworks;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.device.AdapterDevice;
import dev.spikeforge.device.bridge.device.SimulatorChipAdapter;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Reset;
import dev.spikeforge.proto.TelemetryRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine frame by frame, without a connection. */
class SessionTest {
    private final Session session =
            new Session(
                    "s-1",
                    new AdapterDevice(new SimulatorChipAdapter()),
                    ServerOptions.defaults(),
                    new ServerMetrics());
    private long seq = 1;

    @BeforeEach
    void open() {
        Session.Outcome o = session.open(1, HelloAck.newBuilder().setProtocolVersion(2));
        assertEquals(1, o.reply().getSeq());
        assertEquals(1, o.reply().getAck());
        assertEquals("s-1", o.reply().getHelloAck().getSessionId());
        assertEquals(2, o.reply().getHelloAck().getNextSeq());
        assertEquals(SessionState.READY_EMPTY, session.state());
    }

    private Session.Outcome send(Frame.Builder f) {
        return session.handle(f.setSeq(++seq).build());
    }

    private static ErrorCode errorOf(Session.Outcome o) {
        assertEquals(Frame.BodyCase.ERROR, o.reply().getBodyCase(), o.reply().toString());
        return o.reply().getError().getCode();
    }

    @Test
    void repliesAckTheRequestAndCountTheirOwnSeq() {
        Session.Outcome a =
                send(Frame.newBuilder().setTelemetryRequest(TelemetryRequest.getDefaultInstance()));
        Session.Outcome b = send(Frame.newBuilder().setReset(Reset.getDefaultInstance()));
        assertEquals(2, a.reply().getSeq());
        assertEquals(2, a.reply().getAck());
        assertEquals(3, b.reply().getSeq());
        assertEquals(3, b.reply().getAck());
        assertEquals(3, session.lastClientSeq());
    }

    @Test
    void everyChunkIsAnsweredAndTheUploadMovesThroughLoadingToLoaded() {
        byte[] bytes = ArtifactBytes.of(TestNetworks.spikingNetwork(1));
        Session.Outcome first =
                send(
                        Frame.newBuilder()
                                .setLoadChunk(
                                        LoadChunk.newBuilder()
                                                .setIndex(0)
                                                .setData(ByteString.copyFrom(bytes, 0, 5))
                                                .setTotalBytes(bytes.length)));
        assertEquals(5, first.reply().getLoadProgress().getReceivedBytes());
        assertEquals(SessionState.LOADING, session.state());
        assertEquals(
                ErrorCode.BAD_STATE,
                errorOf(send(Frame.newBuilder().setInputStep(InputStep.newBuilder()))));
        Session.Outcome done =
                send(
                        Frame.newBuilder()
                                .setLoadChunk(
                                        LoadChunk.newBuilder()
                                                .setIndex(1)
                                                .setData(
                                                        ByteString.copyFrom(
                                                                bytes, 5, bytes.length - 5))
                                                .setLast(true)
                                                .setTotalBytes(bytes.length)
                                                .setCrc32C(ArtifactBytes.crc32c(bytes))));
        assertEquals(5, done.reply().getLoadAck().getInputs());
        assertEquals(SessionState.LOADED, session.state());
    }

    @Test
    void aVersion2SessionIsRefusedANetworkWhoseInputCarriesPayloads() {
        byte[] bytes = ArtifactBytes.of(TestNetworks.gradedReadoutNetwork(1));
        Session.Outcome o =
                send(
                        Frame.newBuilder()
                                .setLoadChunk(
                                        LoadChunk.newBuilder()
                                                .setIndex(0)
                                                .setData(ByteString.copyFrom(bytes))
                                                .setLast(true)
                                                .setTotalBytes(bytes.length)
                                                .setCrc32C(ArtifactBytes.crc32c(bytes))));
        assertEquals(ErrorCode.INVALID_INPUT, errorOf(o));
        String m = o.reply().getError().getMessage();
        assertTrue(
                m.contains("INPUT_GRADED")
                        && m.contains("protocol version 3")
                        && m.contains("version 2"),
                m);
        assertEquals(SessionState.READY_EMPTY, session.state());
    }

    @Test
    void chunksOfAFailedUploadAreEachRefused() {
        byte[] bytes = ArtifactBytes.of(TestNetworks.spikingNetwork(1));
        send(
                Frame.newBuilder()
                        .setLoadChunk(
                                LoadChunk.newBuilder()
                                        .setIndex(0)
                                        .setData(ByteString.copyFrom(bytes, 0, 5))));
        assertEquals(
                ErrorCode.CORRUPT_NETWORK,
                errorOf(send(Frame.newBuilder().setLoadChunk(LoadChunk.newBuilder().setIndex(5)))));
        Session.Outcome dropped =
                send(
                        Frame.newBuilder()
                                .setLoadChunk(LoadChunk.newBuilder().setIndex(6).setLast(true)));
        assertEquals(ErrorCode.CORRUPT_NETWORK, errorOf(dropped));
        assertTrue(
                dropped.reply().getError().getMessage().contains("already failed at chunk 5"),
                dropped.reply().toString());
        assertEquals(SessionState.READY_EMPTY, session.state());
    }

    @Test
    void deviceMessagesFromTheHostAreBadStateAndErrorsAreNeverAnswered() {
        assertEquals(
                ErrorCode.BAD_STATE,
                errorOf(send(Frame.newBuilder().setOutputStep(OutputStep.getDefaultInstance()))));
        assertEquals(
                ErrorCode.BAD_STATE,
                errorOf(
                        send(
                                Frame.newBuilder()
                                        .setHello(Hello.newBuilder().setProtocolVersion(2)))));
        Session.Outcome ignored =
                send(
                        Frame.newBuilder()
                                .setError(
                                        dev.spikeforge.proto.Error.newBuilder()
                                                .setCode(ErrorCode.INTERNAL)));
        assertNull(ignored.reply());
        assertFalse(ignored.close());
        // The ignored Error still counted as the host's frame: the next seq is in order.
        assertEquals(
                ErrorCode.BAD_STATE,
                errorOf(
                        send(
                                Frame.newBuilder()
                                        .setTelemetryRequest(
                                                TelemetryRequest.getDefaultInstance()))));
    }

    @Test
    void outOfOrderFramesAreRefusedWithoutMovingTheExpectedSeq() {
        Session.Outcome o =
                session.handle(
                        Frame.newBuilder().setSeq(9).setReset(Reset.getDefaultInstance()).build());
        assertEquals(ErrorCode.OUT_OF_ORDER, errorOf(o));
        assertEquals(9, o.reply().getAck());
        assertEquals(
                ErrorCode.BAD_STATE,
                errorOf(send(Frame.newBuilder().setReset(Reset.getDefaultInstance()))));
    }

    @Test
    void drainingRefusesNewWorkThenTheDeviceCloses() {
        session.drain();
        assertEquals(
                ErrorCode.SHUTTING_DOWN,
                errorOf(send(Frame.newBuilder().setReset(Reset.getDefaultInstance()))));
        Session.Outcome bye = session.closeByDevice("bye");
        assertEquals(0, bye.reply().getAck());
        assertEquals("bye", bye.reply().getClose().getReason());
        assertTrue(bye.close());
    }

    @Test
    void closeEndsTheSessionAndLaterFramesAreIgnored() {
        Session.Outcome bye = send(Frame.newBuilder().setClose(Close.getDefaultInstance()));
        assertEquals(Frame.BodyCase.CLOSE, bye.reply().getBodyCase());
        assertTrue(bye.close());
        assertEquals(SessionState.CLOSED, session.state());
        assertNull(send(Frame.newBuilder().setReset(Reset.getDefaultInstance())).reply());
    }
}
