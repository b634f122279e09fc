package dev.spikeforge.cli.command;

import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.RetryPolicy;
import dev.spikeforge.device.bridge.tls.TlsContexts;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command reaches a device: token, TLS, and reconnection. */
public final class DeviceConnectOptions {
    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "File whose first line is the device's token (default: the "
                            + DeviceTokens.ENV
                            + " environment variable, if set).")
    Path tokenFile;

    @Option(
            names = "--tls",
            description =
                    "Connect with TLS, trusting the JDK's certificate authorities (see"
                            + " --tls-trust).")
    boolean tls;

    @Option(
            names = "--tls-trust",
            paramLabel = "PEM",
            description =
                    "Connect with TLS, trusting the certificates in this PEM file (e.g. the"
                            + " device's self-signed one).")
    Path tlsTrust;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "8",
            description =
                    "Reconnection attempts after a lost connection, with backoff (default:"
                            + " ${DEFAULT-VALUE}).")
    int retries;

    ClientOptions clientOptions(String clientName) {
        RetryPolicy d = RetryPolicy.defaults();
        ClientOptions o =
                ClientOptions.defaults()
                        .withClientName(clientName)
                        .withToken(DeviceTokens.read(tokenFile, "--token-file"))
                        .withRetry(new RetryPolicy(retries, d.initialBackoff(), d.maxBackoff()));
        if (tlsTrust != null) o = o.withTls(TlsContexts.client(tlsTrust));
        else if (tls) o = o.withTls(TlsContexts.clientWithSystemTrust());
        return o.withConnectTimeout(Duration.ofSeconds(10));
    }

    boolean usesTls() {
        return tls || tlsTrust != null;
    }
}
