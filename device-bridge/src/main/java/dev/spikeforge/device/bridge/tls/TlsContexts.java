package dev.spikeforge.device.bridge.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for the bridge, on the JDK's TLS implementation (no native library). A server needs
 * its certificate chain and private key; a client trusts the certificates it is given (a device's
 * self-signed certificate, or the CA that signed it), and checks that the certificate names the
 * host it connects to.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * Server context from PEM files: the certificate chain and an unencrypted PKCS#8 private key,
     * which must be the certificate's (checked here: a mismatched pair would fail every handshake
     * later).
     */
    public static SslContext server(Path certificateChainPem, Path privateKeyPem) {
        for (Path p : new Path[] {certificateChainPem, privateKeyPem}) {
            if (!Files.isRegularFile(p))
                throw new IllegalArgumentException(
                        p + ": " + (Files.isDirectory(p) ? "is a directory" : "no such file"));
        }
        SslContext context;
        try {
            context =
                    SslContextBuilder.forServer(
                                    certificateChainPem.toFile(), privateKeyPem.toFile())
                            .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot use "
                            + certificateChainPem
                            + " and "
                            + privateKeyPem
                            + " as the server's TLS certificate and key: "
                            + e.getMessage(),
                    e);
        }
        KeyPairCheck.requireMatch(certificateChainPem, privateKeyPem);
        return context;
    }

    /**
     * Server context from a PKCS#12 key store holding the private key and its certificate chain.
     */
    public static SslContext server(Path pkcs12, char[] password) {
        try {
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(pkcs12, password), password);
            return SslContextBuilder.forServer(kmf).build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalArgumentException(
                    "cannot use key store " + pkcs12 + " for TLS: " + e.getMessage(), e);
        }
    }

    /** Client context trusting the certificates of a PEM file. */
    public static SslContext client(Path trustedCertificatesPem) {
        File f = trustedCertificatesPem.toFile();
        if (!f.isFile())
            throw new IllegalArgumentException(
                    "no such certificate file: " + trustedCertificatesPem);
        try {
            return SslContextBuilder.forClient()
                    .trustManager(f)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot trust " + trustedCertificatesPem + ": " + e.getMessage(), e);
        }
    }

    /** Client context trusting the certificates of a key store (e.g. a PKCS#12 trust store). */
    public static SslContext client(KeyStore trusted) {
        try {
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            return SslContextBuilder.forClient()
                    .trustManager(tmf)
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalArgumentException(
                    "cannot build a TLS trust store: " + e.getMessage(), e);
        }
    }

    /** Client context using the JDK's default trust store (certificates signed by a public CA). */
    public static SslContext clientWithSystemTrust() {
        try {
            return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException(
                    "cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read key store " + file + ": " + e.getMessage(), e);
        }
    }
}
