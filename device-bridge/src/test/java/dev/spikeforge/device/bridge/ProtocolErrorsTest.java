package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Reset;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every error code the server sends, over real loopback connections. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolErrorsTest {
    private EmulatedChipServer server;
    private InetSocketAddress at;
    private final CompiledNetwork net = TestNetworks.readoutNetwork(7);

    @BeforeAll
    void start() {
        server = new EmulatedChipServer();
        at = server.start("127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private DeviceClient connect() {
        return DeviceClient.connect("127.0.0.1", at.getPort());
    }

    private static DeviceException expect(
            ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        DeviceException e = assertThrows(DeviceException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static Frame.Builder hello(int version) {
        return Frame.newBuilder()
                .setHello(Hello.newBuilder().setProtocolVersion(version).setClient("raw-test"));
    }

    private static void assertError(Frame f, ErrorCode code, String contains) {
        assertEquals(Frame.BodyCase.ERROR, f.getBodyCase(), f.toString());
        assertEquals(code, f.getError().getCode(), f.getError().getMessage());
        assertTrue(f.getError().getMessage().contains(contains), f.getError().getMessage());
    }

    /**
     * The readout the simulator gives for one step from a clean state, to check a session still
     * computes right.
     */
    private int[] expectedReadout(CompiledNetwork n, int[] in) {
        StepOutput o = new Simulator(n).step(in, in.length);
        return o.readout().clone();
    }

    private static int[] readout(OutputStep o) {
        return o.getReadoutList().stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aVersion1HostIsRefusedByNameAndClosed() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            Frame reply = raw.call(hello(1));
            assertError(
                    reply, ErrorCode.VERSION_MISMATCH, "versions 2 to " + BridgeProtocol.VERSION);
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void anythingBeforeHelloIsBadState() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            raw.nextSeq(0); // frames before Hello are outside the session's numbering
            assertError(
                    raw.call(Frame.newBuilder().setInputStep(InputStep.newBuilder())),
                    ErrorCode.BAD_STATE,
                    "Hello");
            raw.nextSeq(1);
            assertEquals(Frame.BodyCase.HELLO_ACK, raw.call(hello(2)).getBodyCase());
            assertError(raw.call(hello(2)), ErrorCode.BAD_STATE, "already");
        }
    }

    @Test
    void aHelloThatOpensASessionHasSeq1() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            raw.nextSeq(5);
            assertError(raw.call(hello(2)), ErrorCode.OUT_OF_ORDER, "seq 1");
            raw.nextSeq(1);
            assertEquals(Frame.BodyCase.HELLO_ACK, raw.call(hello(2)).getBodyCase());
        }
    }

    @Test
    void stepResetAndTelemetryBeforeLoadAreBadState() {
        try (DeviceClient chip = connect()) {
            expect(ErrorCode.BAD_STATE, () -> chip.step(0, new int[] {1}));
            expect(ErrorCode.BAD_STATE, chip::reset);
            expect(ErrorCode.BAD_STATE, chip::telemetry);
            chip.load(net); // the session is still usable
            assertArrayEquals(
                    expectedReadout(net, new int[] {0, 3}),
                    readout(chip.step(0, new int[] {0, 3})));
        }
    }

    @Test
    void corruptedUploadIsRefusedAndAGoodOneLoadsAfterwards() {
        byte[] bytes = ArtifactBytes.of(net);
        bytes[bytes.length / 2] ^= 0x40;
        try (DeviceClient chip = connect()) {
            DeviceException e = expect(ErrorCode.CORRUPT_NETWORK, () -> chip.loadArtifact(bytes));
            assertTrue(e.detail().contains("checksum"), e.detail());
            expect(
                    ErrorCode.BAD_STATE,
                    () -> chip.step(0, new int[] {1})); // no network after a failed load

            chip.load(net);
            assertArrayEquals(
                    expectedReadout(net, new int[] {2, 5}),
                    readout(chip.step(0, new int[] {2, 5})));
        }
    }

    @Test
    void uploadsThatAreNotRunnableNetworksAreRefused() {
        CompiledNetwork broken =
                net.toBuilder().setLayers(0, net.getLayers(0).toBuilder().addWeights(1)).build();
        try (DeviceClient chip = connect()) {
            assertTrue(
                    expect(
                                    ErrorCode.CORRUPT_NETWORK,
                                    () -> chip.loadArtifact("not an artifact".getBytes()))
                            .detail()
                            .contains("not a Spikeforge artifact"));
            assertTrue(
                    expect(ErrorCode.CORRUPT_NETWORK, () -> chip.load(broken))
                            .detail()
                            .contains("weights"));
            chip.load(net);
        }
    }

    @Test
    void failedLoadOfANewNetworkLeavesNoNetwork() {
        try (DeviceClient chip = connect()) {
            chip.load(net);
            chip.step(0, new int[] {1});
            byte[] bad = ArtifactBytes.of(net);
            bad[bad.length - 1] ^= 1;
            expect(ErrorCode.CORRUPT_NETWORK, () -> chip.loadArtifact(bad));
            expect(ErrorCode.BAD_STATE, chip::telemetry);
        }
    }

    @Test
    void uploadChecksumLengthAndChunkOrderAreVerified() throws Exception {
        byte[] bytes = ArtifactBytes.of(net);
        int crc = ArtifactBytes.crc32c(bytes);
        try (RawConnection raw = new RawConnection(at)) {
            raw.call(hello(2));
            // Wrong CRC-32C on the last chunk.
            assertError(
                    raw.call(chunk(0, bytes, 0, bytes.length, true, bytes.length, crc ^ 1)),
                    ErrorCode.CORRUPT_NETWORK,
                    "CRC-32C");
            // total_bytes disagreeing with what arrived.
            assertError(
                    raw.call(chunk(0, bytes, 0, bytes.length, true, bytes.length + 1, crc)),
                    ErrorCode.CORRUPT_NETWORK,
                    "total_bytes");
            // A gap in the chunk indices fails the upload; its remaining chunks are each refused as
            // dropped.
            int half = bytes.length / 2;
            assertEquals(
                    10,
                    raw.call(chunk(0, bytes, 0, 10, false, bytes.length, 0))
                            .getLoadProgress()
                            .getReceivedBytes());
            assertError(
                    raw.call(chunk(2, bytes, 10, half - 10, false, bytes.length, 0)),
                    ErrorCode.CORRUPT_NETWORK,
                    "expected chunk 1");
            assertError(
                    raw.call(chunk(3, bytes, half, bytes.length - half, true, bytes.length, crc)),
                    ErrorCode.CORRUPT_NETWORK,
                    "dropped");
            // A good upload in three chunks after all that.
            assertEquals(
                    Frame.BodyCase.LOAD_PROGRESS,
                    raw.call(chunk(0, bytes, 0, 10, false, bytes.length, 0)).getBodyCase());
            assertEquals(
                    half,
                    raw.call(chunk(1, bytes, 10, half - 10, false, bytes.length, 0))
                            .getLoadProgress()
                            .getReceivedBytes());
            Frame ack =
                    raw.call(chunk(2, bytes, half, bytes.length - half, true, bytes.length, crc));
            assertEquals(Frame.BodyCase.LOAD_ACK, ack.getBodyCase(), ack.toString());
            assertEquals(net.getName(), ack.getLoadAck().getNetwork());
        }
    }

    @Test
    void uploadLargerThanTheLimitIsRefused() {
        try (EmulatedChipServer small =
                new EmulatedChipServer(ServerOptions.defaults().withMaxArtifactBytes(100))) {
            InetSocketAddress a = small.start("127.0.0.1", 0);
            try (DeviceClient chip = DeviceClient.connect("127.0.0.1", a.getPort())) {
                assertTrue(
                        expect(ErrorCode.CORRUPT_NETWORK, () -> chip.load(net))
                                .detail()
                                .contains("limit"));
            }
        }
    }

    private static Frame.Builder chunk(
            int index, byte[] bytes, int off, int len, boolean last, long total, int crc) {
        return Frame.newBuilder()
                .setLoadChunk(
                        LoadChunk.newBuilder()
                                .setIndex(index)
                                .setData(ByteString.copyFrom(bytes, off, len))
                                .setLast(last)
                                .setTotalBytes(total)
                                .setCrc32C(last ? crc : 0));
    }

    @Test
    void inputAxonsOutOfRangeOrRepeatedAreInvalidInput() {
        try (DeviceClient chip = connect()) {
            chip.load(net);
            assertTrue(
                    expect(ErrorCode.INVALID_INPUT, () -> chip.step(0, new int[] {1, 8}))
                            .detail()
                            .contains("out of range"));
            assertTrue(
                    expect(ErrorCode.INVALID_INPUT, () -> chip.step(0, new int[] {3, 3}))
                            .detail()
                            .contains("twice"));
            expect(ErrorCode.INVALID_INPUT, () -> chip.step(0, new int[] {-1}));
            // Refused steps do not run: step 0 is still next and computes from a clean chip.
            assertArrayEquals(
                    expectedReadout(net, new int[] {1, 6}),
                    readout(chip.step(0, new int[] {1, 6})));
        }
    }

    @Test
    void stepIndicesAndSeqMustBeInOrder() throws Exception {
        try (DeviceClient chip = connect()) {
            chip.load(net);
            expect(ErrorCode.OUT_OF_ORDER, () -> chip.step(1, new int[] {1}));
            chip.step(0, new int[0]);
            chip.reset();
            chip.step(0, new int[0]);
        }
        try (RawConnection raw = new RawConnection(at)) {
            raw.call(hello(2));
            Frame f =
                    raw.readAfter(
                            raw.sendWithSeq(
                                    Frame.newBuilder().setReset(Reset.getDefaultInstance()), 7));
            assertError(f, ErrorCode.OUT_OF_ORDER, "expected 2");
            assertError(
                    raw.call(Frame.newBuilder().setReset(Reset.getDefaultInstance())),
                    ErrorCode.BAD_STATE,
                    "no network");
        }
    }

    @Test
    void frameWithoutBodyIsMalformedButTheSessionGoesOn() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            assertEquals(Frame.BodyCase.HELLO_ACK, raw.call(hello(2)).getBodyCase());
            assertError(raw.call(Frame.newBuilder()), ErrorCode.MALFORMED, "no body");
            // The session goes on: the next frame is answered in order.
            assertError(
                    raw.call(Frame.newBuilder().setReset(Reset.getDefaultInstance())),
                    ErrorCode.BAD_STATE,
                    "no network");
        }
    }

    @Test
    void undecodableFrameIsMalformedAndClosed() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            raw.sendBytes(new byte[] {4, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertError(raw.read(), ErrorCode.MALFORMED, "not a valid Frame");
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void oversizeFrameClosesOnlyItsOwnSession() throws Exception {
        try (DeviceClient other = connect()) {
            other.load(net);
            other.step(0, new int[] {4});
            try (RawConnection raw = new RawConnection(at)) {
                raw.call(hello(2));
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                com.google.protobuf.CodedOutputStream varint =
                        com.google.protobuf.CodedOutputStream.newInstance(b);
                varint.writeUInt32NoTag(BridgeProtocol.DEFAULT_MAX_FRAME_BYTES + 1);
                varint.flush();
                b.write(new byte[1000]);
                raw.sendBytes(b.toByteArray());
                Frame f = raw.read();
                assertError(
                        f,
                        ErrorCode.FRAME_TOO_LARGE,
                        String.valueOf(BridgeProtocol.DEFAULT_MAX_FRAME_BYTES));
                assertEquals(0, f.getAck());
                assertTrue(raw.closedByPeer());
            }
            // The other session is untouched: its chip state carried on from step 0.
            Simulator ref = new Simulator(net);
            ref.step(new int[] {4}, 1);
            int[] in = {0, 5};
            assertArrayEquals(ref.step(in, in.length).readout(), readout(other.step(1, in)));
        }
    }

    @Test
    void theLargestLengthPrefixIsFrameTooLargeAndASixthPrefixByteIsMalformed() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            raw.call(hello(2));
            raw.sendBytes(
                    new byte[] {
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2, 3
                    }); // 2^32 - 1
            Frame f = raw.read();
            assertError(
                    f,
                    ErrorCode.FRAME_TOO_LARGE,
                    "announces 4294967295 bytes, more than the limit of "
                            + BridgeProtocol.DEFAULT_MAX_FRAME_BYTES);
            assertEquals(0, f.getAck());
            assertTrue(raw.closedByPeer());
        }
        try (RawConnection raw = new RawConnection(at)) {
            raw.sendBytes(
                    new byte[] {
                        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01
                    });
            assertError(raw.read(), ErrorCode.MALFORMED, "length prefix longer than 5 bytes");
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void closeIsAnsweredThenTheConnectionEnds() throws Exception {
        try (RawConnection raw = new RawConnection(at)) {
            raw.call(hello(2));
            assertEquals(
                    Frame.BodyCase.CLOSE,
                    raw.call(Frame.newBuilder().setClose(Close.getDefaultInstance()))
                            .getBodyCase());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void serverCloseEndsOpenSessions() {
        EmulatedChipServer s = new EmulatedChipServer();
        InetSocketAddress a = s.start("127.0.0.1", 0);
        try (DeviceClient chip =
                DeviceClient.connect(
                        "127.0.0.1",
                        a.getPort(),
                        ClientOptions.defaults().withRetry(RetryPolicy.none()))) {
            chip.load(net);
            s.close();
            // The device said it is shutting down: the client reports that, rather than a failed
            // reconnection.
            DeviceException e =
                    assertThrows(DeviceException.class, () -> chip.step(0, new int[] {1}));
            assertEquals(ErrorCode.SHUTTING_DOWN, e.code(), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "the device at 127.0.0.1:" + a.getPort() + " is shutting down"),
                    e.getMessage());
            assertEquals(
                    ErrorCode.SHUTTING_DOWN,
                    assertThrows(DeviceException.class, () -> chip.step(0, new int[] {1})).code(),
                    "and keeps saying so");
        }
        assertThrows(
                DeviceConnectionException.class,
                () -> DeviceClient.connect("127.0.0.1", a.getPort()));
    }
}
