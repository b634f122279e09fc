package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.codec.ArtifactBytes;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.*;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The server admits networks and uploads against its memory budget before allocating them: a tiny
 * file declaring a huge layer, or uploads that together would not fit, are refused with
 * RESOURCE_EXHAUSTED, and other sessions go on.
 */
class MemoryBudgetTest {
    private static final long BUDGET = 8L << 20;

    /**
     * About a hundred bytes that declare a layer of a million neurons (no synapses: every field
     * valid).
     */
    static CompiledNetwork millionNeurons() {
        int size = 1_000_000;
        return CompiledNetwork.newBuilder()
                .setName("wide")
                .setInputSize(1)
                .setProfile(ChipProfile.newBuilder().setName("any"))
                .addLayers(
                        CompiledLayer.newBuilder()
                                .setName("h")
                                .setSize(size)
                                .setSource(-1)
                                .setFanIn(1)
                                .setWeightBits(8)
                                .setSparseWeights(
                                        SparseWeights.newBuilder()
                                                .addSourceStart(0)
                                                .addSourceStart(0))
                                .setNeuron(FixedLifParams.newBuilder().setDu(4095).setVthMant(10)))
                .addCores(
                        Core.newBuilder().setId(0).setLayer(0).setNeuronBegin(0).setNeuronEnd(size))
                .build();
    }

    private static ClientOptions noRetry() {
        return ClientOptions.defaults().withRetry(RetryPolicy.none());
    }

    @Test
    void aSmallFileDeclaringAHugeLayerIsRefusedBeforeItIsLaidOut() {
        assertTrue(ArtifactBytes.of(millionNeurons()).length < 200);
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withMemoryBudget(BUDGET))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort(), noRetry())) {
                DeviceException e =
                        assertThrows(DeviceException.class, () -> chip.load(millionNeurons()));
                assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code(), e.getMessage());
                assertTrue(
                        e.detail().contains("network 'wide' needs an estimated ")
                                && e.detail().contains("this device's budget is 8 MiB"),
                        e.detail());
                assertEquals(
                        0,
                        server.memoryInUse(),
                        "nothing held for the refused network or its upload");
                // The session goes on and takes a network that fits.
                CompiledNetwork small = TestNetworks.readoutNetwork(3);
                assertEquals(small.getName(), chip.load(small).getNetwork());
                assertTrue(server.memoryInUse() > 0 && server.memoryInUse() <= BUDGET);
            }
            Await.until("the ended session's share is given back", () -> server.memoryInUse() == 0);
        }
    }

    @Test
    void aLayerSizeBeyondIntIsRefusedByNameNotAnInternalError() {
        CompiledNetwork net = TestNetworks.readoutNetwork(3);
        CompiledNetwork huge =
                net.toBuilder()
                        .setLayers(0, net.getLayers(0).toBuilder().setSize(-1))
                        .build(); // 4 294 967 295
        try (EmulatedChipServer server = new EmulatedChipServer(ServerOptions.defaults())) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient chip = DeviceClient.connect("127.0.0.1", at.getPort(), noRetry())) {
                DeviceException e = assertThrows(DeviceException.class, () -> chip.load(huge));
                assertEquals(ErrorCode.CORRUPT_NETWORK, e.code(), e.getMessage());
                assertTrue(
                        e.detail().contains("size is 4294967295, outside 1..1073741824"),
                        e.detail());
                assertEquals(net.getName(), chip.load(net).getNetwork(), "the session goes on");
            }
        }
    }

    private static Frame.Builder firstChunkOf(long total) {
        return Frame.newBuilder()
                .setLoadChunk(
                        LoadChunk.newBuilder()
                                .setIndex(0)
                                .setData(ByteString.copyFrom(new byte[1024]))
                                .setTotalBytes(total));
    }

    @Test
    void uploadsInFlightCountAgainstTheBudget() throws Exception {
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withMemoryBudget(BUDGET))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection first = new RawConnection(at);
                    RawConnection second = new RawConnection(at)) {
                for (RawConnection r : new RawConnection[] {first, second}) {
                    r.call(Frame.newBuilder().setHello(Hello.newBuilder().setProtocolVersion(2)));
                }
                // 3 MiB announced: 6 MiB reserved for its chunks and their concatenation, while it
                // is in flight.
                assertEquals(
                        Frame.BodyCase.LOAD_PROGRESS,
                        first.call(firstChunkOf(3L << 20)).getBodyCase());
                Frame refused = second.call(firstChunkOf(3L << 20));
                assertEquals(
                        ErrorCode.RESOURCE_EXHAUSTED,
                        refused.getError().getCode(),
                        refused.toString());
                assertTrue(
                        refused.getError()
                                .getMessage()
                                .contains(
                                        "an upload of 3145728 bytes needs an estimated 6 MiB of"
                                            + " memory, and this device's budget is 8 MiB, 6 MiB of"
                                            + " it in use by other sessions and uploads"),
                        refused.getError().getMessage());
                Frame tooLarge = second.call(firstChunkOf(100L << 20));
                assertEquals(ErrorCode.RESOURCE_EXHAUSTED, tooLarge.getError().getCode());
                first.call(Frame.newBuilder().setClose(Close.getDefaultInstance()));
                Await.until(
                        "the first upload's share is given back", () -> server.memoryInUse() == 0);
                assertEquals(
                        Frame.BodyCase.LOAD_PROGRESS,
                        second.call(firstChunkOf(3L << 20)).getBodyCase(),
                        "room again");
            }
        }
    }
}
