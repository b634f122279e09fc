package dev.spikeforge.device.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.device.bridge.tls.TlsContexts;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Frame;
import dev.spikeforge.runtime.sim.engine.Simulator;
import io.netty.handler.ssl.SslContext;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with Netty's SslHandler on the JDK's TLS. The certificates are made here with the JDK's
 * keytool: a self-signed one naming localhost and 127.0.0.1 for the device, and an unrelated one a
 * client wrongly trusts.
 */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir static Path dir;
    private static Path deviceP12;
    private static Path otherP12;
    private final CompiledNetwork net = TestNetworks.readoutNetwork(41);

    @BeforeAll
    static void makeCertificates() throws Exception {
        deviceP12 = keytool("device");
        otherP12 = keytool("other");
    }

    private static Path keytool(String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                alias,
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-validity",
                                "2",
                                "-dname",
                                "CN=localhost",
                                "-ext",
                                "SAN=dns:localhost,ip:127.0.0.1",
                                "-keystore",
                                store.toString(),
                                "-storetype",
                                "PKCS12",
                                "-storepass",
                                "changeit",
                                "-keypass",
                                "changeit")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        return store;
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /**
     * The certificate and (unencrypted PKCS#8) key of a key store as PEM files, as an operator
     * would have them.
     */
    private static Path[] pem(Path p12, String alias) throws Exception {
        KeyStore ks = load(p12);
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = dir.resolve(alias + "-cert.pem");
        Files.writeString(
                cert,
                "-----BEGIN CERTIFICATE-----\n"
                        + b64.encodeToString(ks.getCertificate(alias).getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Key key = ks.getKey(alias, PASSWORD);
        Path keyFile = dir.resolve(alias + "-key.pem");
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + b64.encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {cert, keyFile};
    }

    private void runSteps(DeviceClient chip) {
        chip.load(net);
        Simulator ref = new Simulator(net);
        int[][] in = TestNetworks.randomTrain(new Random(3), 8, 30, 0.4).spikesPerStep();
        for (int t = 0; t < in.length; t++) {
            ResumeTest.assertStep(
                    ref, in[t], Frame.newBuilder().setOutputStep(chip.step(t, in[t])).build());
        }
    }

    @Test
    void sessionsRunOverTlsWithPemFiles() throws Exception {
        Path[] pem = pem(deviceP12, "device");
        SslContext server = TlsContexts.server(pem[0], pem[1]);
        try (EmulatedChipServer s =
                new EmulatedChipServer(ServerOptions.defaults().withTls(server))) {
            InetSocketAddress at = s.start("127.0.0.1", 0);
            try (DeviceClient chip =
                    DeviceClient.connect(
                            "127.0.0.1",
                            at.getPort(),
                            ClientOptions.defaults().withTls(TlsContexts.client(pem[0])))) {
                runSteps(chip);
            }
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
        Path[] device = pem(deviceP12, "device"), other = pem(otherP12, "other");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TlsContexts.server(device[0], other[1]));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                other[1]
                                        + " is not the private key of the certificate in "
                                        + device[0]),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TlsContexts.server(device[0], dir));
        assertEquals(dir + ": is a directory", e.getMessage());
    }

    @Test
    void sessionsRunOverTlsWithAKeyStore() throws Exception {
        try (EmulatedChipServer s =
                new EmulatedChipServer(
                        ServerOptions.defaults()
                                .withTls(TlsContexts.server(deviceP12, PASSWORD)))) {
            InetSocketAddress at = s.start("127.0.0.1", 0);
            try (DeviceClient chip =
                    DeviceClient.connect(
                            "localhost",
                            at.getPort(),
                            ClientOptions.defaults()
                                    .withTls(TlsContexts.client(load(deviceP12))))) {
                runSteps(chip);
            }
        }
    }

    @Test
    void aClientRefusesADeviceWhoseCertificateItDoesNotTrust() throws Exception {
        try (EmulatedChipServer s =
                new EmulatedChipServer(
                        ServerOptions.defaults()
                                .withTls(TlsContexts.server(deviceP12, PASSWORD)))) {
            InetSocketAddress at = s.start("127.0.0.1", 0);
            ClientOptions wrongTrust =
                    ClientOptions.defaults()
                            .withTls(TlsContexts.client(load(otherP12)))
                            .withRetry(RetryPolicy.none());
            DeviceConnectionException e =
                    assertThrows(
                            DeviceConnectionException.class,
                            () -> DeviceClient.connect("127.0.0.1", at.getPort(), wrongTrust));
            assertTrue(e.getMessage().contains("TLS"), e.getMessage());
            // A plain-TCP client gets no session from a TLS device either.
            assertThrows(
                    DeviceConnectionException.class,
                    () ->
                            DeviceClient.connect(
                                    "127.0.0.1",
                                    at.getPort(),
                                    ClientOptions.defaults()
                                            .withConnectTimeout(java.time.Duration.ofSeconds(3))));
            Await.until("no session was opened", () -> s.activeSessions() == 0);
            assertEquals(0, s.metrics().snapshot().sessionsOpened());
        }
    }
}
