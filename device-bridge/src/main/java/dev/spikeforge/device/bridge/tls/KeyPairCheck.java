package dev.spikeforge.device.bridge.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Whether a PEM private key belongs to the first certificate of a PEM chain: signs a random message
 * with the key and verifies it with the certificate's public key. A server started with a
 * mismatched pair would accept connections and fail every handshake; checked at start, the operator
 * learns it at once.
 */
final class KeyPairCheck {
    private KeyPairCheck() {}

    /**
     * Throws IllegalArgumentException naming both files when the key does not match. Key formats
     * this check cannot read (other than unencrypted PKCS#8, or an algorithm other than EC, RSA,
     * Ed25519) are left to the TLS engine.
     */
    static void requireMatch(Path certificateChainPem, Path privateKeyPem) {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificateChainPem)) {
            cert =
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            return; // the TLS engine read it, in its own way: nothing more to check here
        }
        if (Boolean.FALSE.equals(matches(cert.getPublicKey(), privateKeyPem))) {
            throw new IllegalArgumentException(
                    privateKeyPem
                            + " is not the private key of the certificate in "
                            + certificateChainPem
                            + " ("
                            + cert.getSubjectX500Principal().getName()
                            + "): every TLS handshake would fail; give the key that belongs to it");
        }
    }

    /** True or false when the key could be read and tried, null when this check cannot tell. */
    private static Boolean matches(PublicKey pub, Path privateKeyPem) {
        String signing =
                switch (pub.getAlgorithm()) {
                    case "EC" -> "SHA256withECDSA";
                    case "RSA" -> "SHA256withRSA";
                    case "Ed25519", "EdDSA" -> "Ed25519";
                    default -> null;
                };
        try {
            byte[] der = pkcs8(privateKeyPem);
            if (signing == null || der == null) return null;
            PrivateKey key;
            try {
                key =
                        KeyFactory.getInstance(pub.getAlgorithm())
                                .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                return false; // a key of another algorithm than the certificate's
            }
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature s = Signature.getInstance(signing);
            s.initSign(key);
            s.update(message);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(signing);
            v.initVerify(pub);
            v.update(message);
            return v.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    /** The DER bytes of a "BEGIN PRIVATE KEY" PEM block, or null when the file has none. */
    private static byte[] pkcs8(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----"),
                end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) return null;
        return Base64.getMimeDecoder()
                .decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    }
}
