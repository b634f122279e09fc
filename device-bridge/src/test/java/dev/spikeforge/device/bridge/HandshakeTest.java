package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.proto.Hello;
import dev.spikeforge.proto.HelloAck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening a session: version and capability negotiation, the token, chip capacity, timeouts, the
 * chip profile.
 */
class HandshakeTest {
    private static final CompiledNetwork NET = TestNetworks.readoutNetwork(5);

    private static DeviceException refused(
            ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        DeviceException e = assertThrows(DeviceException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void theHighestVersionBothSpeakIsChosen() throws Exception {
        try (EmulatedChipServer server = new EmulatedChipServer()) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection raw = new RawConnection(at)) {
                HelloAck ack =
                        raw.call(
                                        Frame.newBuilder()
                                                .setHello(
                                                        Hello.newBuilder()
                                                                .setProtocolVersion(7)
                                                                .setMinProtocolVersion(1)))
                                .getHelloAck();
                assertEquals(BridgeProtocol.VERSION, ack.getProtocolVersion());
            }
            try (RawConnection raw = new RawConnection(at)) {
                // An older host (version 2) is still served, at its version.
                HelloAck ack =
                        raw.call(
                                        Frame.newBuilder()
                                                .setHello(Hello.newBuilder().setProtocolVersion(2)))
                                .getHelloAck();
                assertEquals(2, ack.getProtocolVersion());
            }
            try (RawConnection raw = new RawConnection(at)) {
                Frame f =
                        raw.call(
                                Frame.newBuilder()
                                        .setHello(
                                                Hello.newBuilder()
                                                        .setProtocolVersion(9)
                                                        .setMinProtocolVersion(
                                                                BridgeProtocol.VERSION + 1)));
                assertEquals(ErrorCode.VERSION_MISMATCH, f.getError().getCode());
                assertTrue(raw.closedByPeer());
            }
        }
    }

    @Test
    void capabilitiesAreTheIntersectionAndARequiredOneMissingIsRefused() throws Exception {
        try (EmulatedChipServer server = new EmulatedChipServer()) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection raw = new RawConnection(at)) {
                HelloAck ack =
                        raw.call(
                                        Frame.newBuilder()
                                                .setHello(
                                                        Hello.newBuilder()
                                                                .setProtocolVersion(2)
                                                                .addCapabilities("energy")
                                                                .addCapabilities("teleport")))
                                .getHelloAck();
                assertEquals(List.of("energy"), ack.getCapabilitiesList());
            }
            ClientOptions needsMore =
                    ClientOptions.defaults()
                            .withRequiredCapabilities(List.of("resume", "teleport"));
            DeviceException e =
                    refused(
                            ErrorCode.CAPABILITY_MISMATCH,
                            () -> DeviceClient.connect("127.0.0.1", at.getPort(), needsMore));
            assertTrue(e.detail().contains("teleport"), e.detail());
            try (DeviceClient chip = DeviceClient.connect(at)) {
                assertTrue(chip.has(BridgeProtocol.CAP_RESUME));
                assertTrue(chip.has(BridgeProtocol.CAP_PER_CORE_TELEMETRY));
            }
        }
    }

    @Test
    void aTokenIsCheckedAndAWrongOneEndsTheConnection() throws Exception {
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withToken("s3cret-token"))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            refused(ErrorCode.UNAUTHORIZED, () -> DeviceClient.connect(at));
            refused(
                    ErrorCode.UNAUTHORIZED,
                    () ->
                            DeviceClient.connect(
                                    "127.0.0.1",
                                    at.getPort(),
                                    ClientOptions.defaults().withToken("guess")));
            try (RawConnection raw = new RawConnection(at)) {
                Frame f =
                        raw.call(
                                Frame.newBuilder()
                                        .setHello(
                                                Hello.newBuilder()
                                                        .setProtocolVersion(2)
                                                        .setToken("s3cret")));
                assertEquals(ErrorCode.UNAUTHORIZED, f.getError().getCode());
                assertTrue(raw.closedByPeer());
            }
            // A wrong token from this address: for a while no token from it is compared, not even
            // the right one.
            DeviceException slowed =
                    refused(
                            ErrorCode.UNAUTHORIZED,
                            () ->
                                    DeviceClient.connect(
                                            "127.0.0.1",
                                            at.getPort(),
                                            ClientOptions.defaults().withToken("s3cret-token")));
            assertTrue(
                    slowed.detail()
                            .contains(
                                    "wrong tokens from 127.0.0.1: the token is not checked for"
                                            + " another"),
                    slowed.detail());
            Await.until(
                    "the address may try again",
                    () -> {
                        try (DeviceClient chip =
                                DeviceClient.connect(
                                        "127.0.0.1",
                                        at.getPort(),
                                        ClientOptions.defaults().withToken("s3cret-token"))) {
                            chip.load(NET);
                            chip.step(0, new int[] {1});
                            return true;
                        } catch (DeviceException e) {
                            assertEquals(ErrorCode.UNAUTHORIZED, e.code(), e.getMessage());
                            return false;
                        }
                    });
        }
    }

    @Test
    void onlyALoopbackServerMayGoWithoutAToken() {
        try (EmulatedChipServer open = new EmulatedChipServer()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> open.start("0.0.0.0", 0));
            assertTrue(e.getMessage().contains("token"), e.getMessage());
        }
        try (EmulatedChipServer shortToken =
                new EmulatedChipServer(ServerOptions.defaults().withToken("t0o-short-token"))) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> shortToken.start("0.0.0.0", 0));
            assertTrue(
                    e.getMessage().contains("at least 16 characters, this one has 15"),
                    e.getMessage());
        }
        try (EmulatedChipServer loopback =
                new EmulatedChipServer(ServerOptions.defaults().withToken("t"))) {
            assertTrue(
                    loopback.start("127.0.0.1", 0).getPort() > 0, "on loopback any token will do");
        }
        try (EmulatedChipServer guarded =
                new EmulatedChipServer(
                        ServerOptions.defaults().withToken("a-token-of-24-characters"))) {
            assertTrue(guarded.start("0.0.0.0", 0).getPort() > 0);
        }
    }

    @Test
    void whenEveryChipIsInUseANewSessionIsBusy() {
        try (EmulatedChipServer server =
                new EmulatedChipServer(ServerOptions.defaults().withChips(2))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient a = DeviceClient.connect(at);
                    DeviceClient b = DeviceClient.connect(at)) {
                refused(ErrorCode.BUSY, () -> DeviceClient.connect(at));
                a.load(NET);
                b.load(NET);
            }
            Await.until("both chips are back", () -> server.chipsInUse() == 0);
            try (DeviceClient c = DeviceClient.connect(at)) {
                c.load(NET);
            }
        }
    }

    @Test
    void aConnectionThatNeverSaysHelloIsClosed() throws Exception {
        try (EmulatedChipServer server =
                new EmulatedChipServer(
                        ServerOptions.defaults().withHelloTimeout(Duration.ofMillis(200)))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (RawConnection raw = new RawConnection(at)) {
                Frame f = raw.read();
                assertEquals(ErrorCode.TIMEOUT, f.getError().getCode());
                assertTrue(f.getError().getMessage().contains("Hello"), f.getError().getMessage());
                assertTrue(raw.closedByPeer());
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedButItsSessionCanBeResumed() throws Exception {
        ServerOptions options =
                ServerOptions.defaults()
                        .withIdleTimeout(Duration.ofMillis(300))
                        .withResumeTimeout(Duration.ofSeconds(20));
        try (EmulatedChipServer server = new EmulatedChipServer(options)) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient chip = DeviceClient.connect(at)) {
                chip.load(NET);
                chip.step(0, new int[] {3});
                String session = chip.sessionId();
                Await.until(
                        "the idle connection is closed",
                        () -> server.metrics().snapshot().connections() == 0);
                assertEquals(1, server.activeSessions(), "the session waits to be resumed");
                assertEquals(
                        1,
                        chip.step(1, new int[] {4}).getStep(),
                        "the next request reconnects and resumes");
                assertEquals(session, chip.sessionId());
                assertEquals(1, server.metrics().snapshot().errors().get(ErrorCode.TIMEOUT));
            }
        }
    }

    @Test
    void aChipOfOneProfileRefusesNetworksCompiledForAnother() {
        ServerOptions options = ServerOptions.defaults().withProfile(NET.getProfile());
        try (EmulatedChipServer server = new EmulatedChipServer(options)) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient chip = DeviceClient.connect(at)) {
                assertEquals("test-chip", chip.serverHello().getProfile());
                DeviceException e =
                        refused(
                                ErrorCode.PROFILE_MISMATCH,
                                () -> chip.load(TestNetworks.spikingNetwork(1)));
                assertTrue(e.detail().contains("other-chip"), e.detail());
                assertEquals(NET.getName(), chip.load(NET).getNetwork());
                assertFalse(chip.telemetry().getPerCoreList().isEmpty());
            }
        }
    }
}
