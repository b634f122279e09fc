package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.DeviceSampleRunner;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.device.AdapterDevice;
import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.device.bridge.device.SimulatorChipAdapter;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerMetrics;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.Close;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.LoadChunk;
import dev.spikeforge.proto.LoadProgress;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Reset;
import dev.spikeforge.proto.ResetAck;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.proto.TelemetryRequest;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.run.SampleResult;
import dev.spikeforge.runtime.sim.run.SampleRunner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * More than 100 000 random and mutated frames: most pipelined over a few long sessions (wrong
 * bodies, bad inputs, broken uploads, out-of-order seqs), where each must get exactly its one
 * reply, in order, with a named error when it is refused; the rest over many short connections
 * (oversize lengths, broken varints, truncated and bit-flipped frames, other messages' bytes, wrong
 * tokens and versions), where the device answers with a named error or closes that connection.
 * Meanwhile a well-behaved session computes exactly what the simulator does; afterwards no session,
 * chip, connection or buffer is left behind.
 */
class FuzzTest {
    private static final String TOKEN = "fuzz-token";
    private static final int MAX_FRAME = 64 << 10;
    private static final int STREAMS = 8;
    private static final int FRAMES_PER_STREAM = 11_500;
    private static final int SHORT_CONNECTIONS = 2_400;

    /** Codes after which the device closes the connection (the session, if any, is over). */
    private static final Set<ErrorCode> CLOSING =
            Set.of(
                    ErrorCode.FRAME_TOO_LARGE,
                    ErrorCode.MALFORMED,
                    ErrorCode.UNAUTHORIZED,
                    ErrorCode.VERSION_MISMATCH,
                    ErrorCode.INTERNAL,
                    ErrorCode.CAPABILITY_MISMATCH);

    private final CompiledNetwork net = TestNetworks.readoutNetwork(77);
    private final byte[] artifact = ArtifactBytes.of(net);

    @Test
    void randomAndMutatedFramesAreAnsweredByNameOrCloseOnlyTheirConnection() throws Exception {
        AtomicInteger devicesOpen = new AtomicInteger();
        ServerOptions options =
                ServerOptions.defaults()
                        .withToken(TOKEN)
                        .withMaxFrameBytes(MAX_FRAME)
                        .withChips(4096)
                        .withResumeTimeout(Duration.ofMillis(200))
                        .withThreads(1, 2);
        AtomicLong framesSent = new AtomicLong();
        try (EmulatedChipServer server =
                new EmulatedChipServer(options, () -> counting(devicesOpen))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(STREAMS + 1);
            try {
                Future<Integer> golden = pool.submit(() -> goldenSession(at, fuzzing));
                List<Future<Long>> streams = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    long seed = 1000 + i;
                    streams.add(pool.submit(() -> stream(at, new Random(seed))));
                }
                for (Future<Long> f : streams) framesSent.addAndGet(f.get(120, TimeUnit.SECONDS));
                List<Future<Long>> shorts = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    Random r = new Random(99 + w);
                    shorts.add(
                            pool.submit(
                                    () -> {
                                        long n = 0;
                                        for (int i = 0; i < SHORT_CONNECTIONS / 4; i++)
                                            n += shortConnection(at, new Random(r.nextLong()));
                                        return n;
                                    }));
                }
                for (Future<Long> f : shorts) framesSent.addAndGet(f.get(120, TimeUnit.SECONDS));
                fuzzing.set(false);
                assertTrue(
                        golden.get(120, TimeUnit.SECONDS) > 0,
                        "the well-behaved session ran samples throughout");
            } finally {
                pool.shutdownNow();
            }
            assertTrue(framesSent.get() >= 100_000, "only " + framesSent.get() + " frames sent");

            Await.until(
                    "every session, chip and connection is released",
                    () ->
                            server.activeSessions() == 0
                                    && server.chipsInUse() == 0
                                    && server.metrics().snapshot().connections() == 0);
            assertEquals(0, devicesOpen.get(), "devices opened and not closed");
            ServerMetrics.Snapshot m = server.metrics().snapshot();
            assertTrue(m.framesIn() >= 90_000, "frames decoded: " + m.framesIn());
            assertEquals(null, m.errors().get(ErrorCode.ERROR_UNSPECIFIED));
            for (ErrorCode c :
                    List.of(
                            ErrorCode.OUT_OF_ORDER,
                            ErrorCode.BAD_STATE,
                            ErrorCode.INVALID_INPUT,
                            ErrorCode.CORRUPT_NETWORK,
                            ErrorCode.MALFORMED,
                            ErrorCode.FRAME_TOO_LARGE,
                            ErrorCode.UNAUTHORIZED,
                            ErrorCode.VERSION_MISMATCH)) {
                assertTrue(
                        m.errors().getOrDefault(c, 0L) > 0,
                        "the fuzz reached " + c + ": " + m.errors());
            }
        }
        assertNoBufferLeaked();
    }

    // ---- long sessions: every frame gets its one reply, in order

    /**
     * One session with {@value #FRAMES_PER_STREAM} pipelined frames; checks every reply against
     * what was sent.
     */
    private long stream(InetSocketAddress at, Random r) throws Exception {
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
            Frame.newBuilder()
                    .setSeq(1)
                    .setHello(
                            Hello.newBuilder()
                                    .setProtocolVersion(2)
                                    .setToken(TOKEN)
                                    .addCapabilities("resume"))
                    .build()
                    .writeDelimitedTo(out);
            out.flush();
            Frame ack = Frame.parseDelimitedFrom(in);
            assertEquals(Frame.BodyCase.HELLO_ACK, ack.getBodyCase(), String.valueOf(ack));

            // What each reply must be, in order: the seq it answers, and whether it must be
            // OUT_OF_ORDER.
            Queue<long[]> expected = new ConcurrentLinkedQueue<>();
            AtomicInteger pendingReplies = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Throwable> readFailure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader =
                    new Thread(
                            () -> {
                                try {
                                    readReplies(in, expected, pendingReplies);
                                } catch (Throwable t) {
                                    readFailure.set(t);
                                }
                            });
            reader.setDaemon(true);
            reader.start();

            long last = 1;
            for (int i = 0; i < FRAMES_PER_STREAM; i++) {
                Frame.Builder f = randomBody(r);
                long seq = r.nextInt(100) < 85 ? last + 1 : wrongSeq(r, last);
                boolean inOrder = seq == last + 1;
                if (inOrder) last = seq;
                if (f.getBodyCase()
                        != Frame.BodyCase.ERROR) { // an Error from the host is never answered
                    expected.add(new long[] {seq, inOrder ? 0 : 1});
                    pendingReplies.incrementAndGet();
                }
                f.setSeq(seq).build().writeDelimitedTo(out);
            }
            Frame.newBuilder()
                    .setSeq(last + 1)
                    .setClose(Close.getDefaultInstance())
                    .build()
                    .writeDelimitedTo(out);
            expected.add(new long[] {last + 1, 0});
            pendingReplies.incrementAndGet();
            out.flush();
            reader.join(60_000);
            if (readFailure.get() != null)
                throw new AssertionError(readFailure.get().getMessage(), readFailure.get());
            assertEquals(0, pendingReplies.get(), "replies missing");
            return FRAMES_PER_STREAM + 2;
        }
    }

    private static void readReplies(InputStream in, Queue<long[]> expected, AtomicInteger pending) {
        try {
            for (Frame f; (f = Frame.parseDelimitedFrom(in)) != null; ) {
                long[] want = expected.poll();
                if (want == null) throw new AssertionError("a reply nobody asked for: " + f);
                if (f.getAck() != want[0])
                    throw new AssertionError(
                            "reply acks " + f.getAck() + ", expected " + want[0] + ": " + f);
                if (want[1] == 1
                        && (!f.hasError() || f.getError().getCode() != ErrorCode.OUT_OF_ORDER)) {
                    throw new AssertionError(
                            "seq " + want[0] + " was out of order, answered: " + f);
                }
                if (f.getBodyCase() == Frame.BodyCase.BODY_NOT_SET)
                    throw new AssertionError("reply without a body");
                if (f.hasError()) {
                    ErrorCode c = f.getError().getCode();
                    if (c == ErrorCode.ERROR_UNSPECIFIED
                            || c == ErrorCode.UNRECOGNIZED
                            || closes(f)) {
                        throw new AssertionError("a well-framed frame got " + f);
                    }
                }
                pending.decrementAndGet();
                if (f.hasClose()) return;
            }
        } catch (IOException e) {
            throw new AssertionError("the stream broke: " + e, e);
        }
    }

    private static long wrongSeq(Random r, long last) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> last; // a repeat
            case 2 -> last + 2 + r.nextInt(100);
            default -> Long.MAX_VALUE - r.nextInt(1000);
        };
    }

    private Frame.Builder randomBody(Random r) {
        Frame.Builder f = Frame.newBuilder();
        int k = r.nextInt(100);
        if (k < 30) {
            InputStep.Builder in =
                    InputStep.newBuilder()
                            .setStep(r.nextInt(100) < 70 ? r.nextInt(3) : r.nextInt());
            for (int i = r.nextInt(10); i > 0; i--)
                in.addSpikes(r.nextInt(100) < 90 ? r.nextInt(8) : r.nextInt());
            f.setInputStep(in);
        } else if (k < 38) {
            f.setLoadChunk(
                    LoadChunk.newBuilder()
                            .setData(ByteString.copyFrom(artifact))
                            .setLast(true)
                            .setTotalBytes(artifact.length)
                            .setCrc32C(ArtifactBytes.crc32c(artifact)));
        } else if (k < 50) {
            byte[] data = new byte[r.nextInt(64)];
            r.nextBytes(data);
            f.setLoadChunk(
                    LoadChunk.newBuilder()
                            .setIndex(r.nextInt(3))
                            .setData(ByteString.copyFrom(data))
                            .setLast(r.nextBoolean())
                            .setTotalBytes(r.nextInt(200))
                            .setCrc32C(r.nextInt()));
        } else if (k < 58) {
            f.setReset(Reset.getDefaultInstance());
        } else if (k < 66) {
            f.setTelemetryRequest(TelemetryRequest.getDefaultInstance());
        } else if (k < 80) {
            switch (r.nextInt(7)) { // bodies only a device sends
                case 0 -> f.setHelloAck(HelloAck.newBuilder().setSessionId("x"));
                case 1 -> f.setLoadAck(LoadAck.getDefaultInstance());
                case 2 -> f.setLoadProgress(LoadProgress.getDefaultInstance());
                case 3 -> f.setResetAck(ResetAck.getDefaultInstance());
                case 4 -> f.setOutputStep(OutputStep.newBuilder().addSpikes(3));
                case 5 -> f.setTelemetry(Telemetry.getDefaultInstance());
                default -> f.setHello(Hello.newBuilder().setProtocolVersion(2));
            }
        } else if (k < 90) {
            f.setAck(r.nextLong()); // no body at all, stray fields
        } else {
            f.setError(
                    dev.spikeforge.proto.Error.newBuilder()
                            .setCode(ErrorCode.forNumber(r.nextInt(16)))
                            .setMessage("fuzz"));
        }
        return f;
    }

    // ---- short connections: byte-level damage

    /**
     * Opens a connection, sends a few damaged frames, reads until the device closes; returns the
     * frames sent.
     */
    private long shortConnection(InetSocketAddress at, Random r) throws Exception {
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long frames = 1;
            int kind = r.nextInt(10);
            Hello.Builder hello = Hello.newBuilder().setProtocolVersion(2).setToken(TOKEN);
            if (r.nextBoolean()) hello.addCapabilities("resume");
            if (kind == 0) hello.setToken(r.nextBoolean() ? "" : "wrong-" + r.nextInt());
            if (kind == 1)
                hello.setProtocolVersion(
                                r.nextBoolean() ? 1 : BridgeProtocol.VERSION + 1 + r.nextInt(5))
                        .setMinProtocolVersion(r.nextBoolean() ? BridgeProtocol.VERSION + 1 : 0);
            Frame.newBuilder().setSeq(1).setHello(hello).build().writeDelimitedTo(bytes);
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++, frames++) damaged(r, bytes, 2 + i);
            out.write(bytes.toByteArray());
            out.flush();
            s.shutdownOutput();
            checkAnswersUntilClosed(new java.io.BufferedInputStream(s.getInputStream()), kind);
            return frames;
        }
    }

    private void damaged(Random r, ByteArrayOutputStream out, long seq) throws IOException {
        Frame valid = randomBody(r).setSeq(seq).build();
        byte[] body = valid.toByteArray();
        switch (r.nextInt(8)) {
            case 0 -> { // a length far above the limit, without the bytes
                varint(out, MAX_FRAME + 1 + r.nextInt(Integer.MAX_VALUE - MAX_FRAME - 1));
                out.write(body);
            }
            case 1 ->
                    out.write(
                            new byte[] {
                                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1
                            }); // varint > 5 bytes
            case 2 -> { // random bytes
                byte[] junk = new byte[1 + r.nextInt(200)];
                r.nextBytes(junk);
                varint(out, junk.length);
                out.write(junk);
            }
            case 3 -> { // truncated message, length prefix matching the cut
                int cut = body.length == 0 ? 0 : r.nextInt(body.length);
                varint(out, cut);
                out.write(body, 0, cut);
            }
            case 4 -> { // bit flips
                for (int i = 0; i < 1 + r.nextInt(3) && body.length > 0; i++)
                    body[r.nextInt(body.length)] ^= (byte) (1 << r.nextInt(8));
                varint(out, body.length);
                out.write(body);
            }
            case 5 -> { // another message's bytes where a Frame belongs
                byte[] other =
                        r.nextBoolean()
                                ? artifact
                                : Hello.newBuilder()
                                        .setClient("x")
                                        .setProtocolVersion(2)
                                        .build()
                                        .toByteArray();
                int len = Math.min(other.length, MAX_FRAME);
                varint(out, len);
                out.write(other, 0, len);
            }
            case 6 -> { // the stream ends inside a frame
                varint(out, body.length + 10);
                out.write(body);
            }
            default -> valid.writeDelimitedTo(out);
        }
    }

    private static void varint(ByteArrayOutputStream out, int v) throws IOException {
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeUInt32NoTag(v);
        c.flush();
    }

    /**
     * Every reply has a body and a named code; a closing error is the last thing before the end of
     * the stream.
     */
    private static void checkAnswersUntilClosed(InputStream in, int kind) throws IOException {
        boolean first = true;
        for (Frame f; (f = parseOrEnd(in)) != null; first = false) {
            assertNotEquals(Frame.BodyCase.BODY_NOT_SET, f.getBodyCase());
            if (first && kind == 0)
                assertEquals(ErrorCode.UNAUTHORIZED, f.getError().getCode(), f.toString());
            if (first && kind == 1)
                assertEquals(ErrorCode.VERSION_MISMATCH, f.getError().getCode(), f.toString());
            if (f.hasError()) {
                ErrorCode c = f.getError().getCode();
                assertTrue(
                        c != ErrorCode.ERROR_UNSPECIFIED && c != ErrorCode.UNRECOGNIZED,
                        f.toString());
                if (closes(f)) {
                    assertEquals(null, parseOrEnd(in), "the device closes after " + c);
                    return;
                }
            }
        }
    }

    /**
     * MALFORMED closes only when the bytes were not a Frame (ack 0); a Frame without a body is
     * answered and survived.
     */
    private static boolean closes(Frame error) {
        ErrorCode c = error.getError().getCode();
        return CLOSING.contains(c) && (c != ErrorCode.MALFORMED || error.getAck() == 0);
    }

    private static Frame parseOrEnd(InputStream in) throws IOException {
        try {
            return Frame.parseDelimitedFrom(in);
        } catch (java.net.SocketException e) {
            return null; // reset by the device after its last frame: closed too
        }
    }

    // ---- the bystander

    private int goldenSession(InetSocketAddress at, AtomicBoolean fuzzing) {
        CompiledNetwork other = TestNetworks.spikingNetwork(5);
        Simulator ref = new Simulator(other);
        Random r = new Random(12);
        int samples = 0;
        try (DeviceClient chip =
                DeviceClient.connect(
                        "127.0.0.1", at.getPort(), ClientOptions.defaults().withToken(TOKEN))) {
            chip.load(other);
            DeviceSampleRunner runner = new DeviceSampleRunner(chip);
            while (fuzzing.get() || samples < 5) {
                SpikeTrain train = TestNetworks.randomTrain(r, other.getInputSize(), 20, 0.4);
                SampleResult want = SampleRunner.run(ref, train, 20);
                assertArrayEquals(
                        want.scores(), runner.run(train, 20).scores(), "sample " + samples);
                samples++;
            }
        }
        return samples;
    }

    // ---- leaks

    private static ChipDevice counting(AtomicInteger open) {
        open.incrementAndGet();
        AdapterDevice d = new AdapterDevice(new SimulatorChipAdapter());
        return new ChipDevice() {
            public String profile() {
                return d.profile();
            }

            public LoadAck load(CompiledNetwork n) {
                return d.load(n);
            }

            public void reset() {
                d.reset();
            }

            public OutputStep step(InputStep in) {
                return d.step(in);
            }

            public Telemetry telemetry() {
                return d.telemetry();
            }

            public void close() {
                open.decrementAndGet();
            }
        };
    }

    /**
     * Netty reports a leaked buffer once it is collected; collect, then allocate so the detector
     * looks.
     */
    private static void assertNoBufferLeaked() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            for (int k = 0; k < 200; k++) {
                ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
        assertEquals(List.of(), LeakRecorder.leaks());
    }
}
