package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerMetrics;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.device.bridge.tls.TlsContexts;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.ErrorCode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        description = "Host emulated chips behind the device wire protocol until interrupted.")
public final class ServeCommand extends CommandBase {
    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "" + BridgeProtocol.DEFAULT_PORT,
            description = "TCP port (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description =
                    "Address to bind (default: ${DEFAULT-VALUE}); "
                            + "any other than a loopback address needs a token.")
    String host;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description =
                    "Chip profile to emulate (shipped name or JSON file): networks compiled for"
                        + " another profile are refused, and its energy figures are used. Default:"
                        + " any profile, with each network's own figures.")
    String profile;

    @Option(
            names = "--chips",
            paramLabel = "N",
            defaultValue = "256",
            description =
                    "Emulated chips, i.e. sessions served at once (default: ${DEFAULT-VALUE}).")
    int chips;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "File whose first line is the token every client must send (default: the "
                            + DeviceTokens.ENV
                            + " environment variable, if set).")
    Path tokenFile;

    @Option(
            names = "--tls-cert",
            paramLabel = "PEM",
            description = "Serve TLS with this certificate chain (with --tls-key).")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "PEM",
            description = "Private key of --tls-cert (unencrypted PKCS#8 PEM).")
    Path tlsKey;

    @Option(
            names = "--idle-timeout",
            paramLabel = "S",
            defaultValue = "300",
            description =
                    "Close connections silent for S seconds (0: never; default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(
            names = "--request-timeout",
            paramLabel = "S",
            defaultValue = "30",
            description =
                    "End a session whose request runs longer (0: never; default:"
                            + " ${DEFAULT-VALUE}).")
    long requestSeconds;

    @Option(
            names = "--resume-timeout",
            paramLabel = "S",
            defaultValue = "30",
            description =
                    "Keep a session whose connection dropped this long for the client to resume (0:"
                            + " no resume; default: ${DEFAULT-VALUE}).")
    long resumeSeconds;

    @Option(
            names = "--memory-budget",
            paramLabel = "SIZE",
            description =
                    "Memory the sessions' networks and uploads may take together, e.g. 512m or 4g"
                        + " (default: three quarters of the JVM's heap); a network or upload that"
                        + " would exceed it is refused with RESOURCE_EXHAUSTED before it is"
                        + " allocated.")
    String memoryBudget;

    @Option(
            names = "--metrics-every",
            paramLabel = "S",
            defaultValue = "0",
            description =
                    "Print sessions, steps/s, events/s and errors every S seconds (0: only at"
                            + " exit).")
    long metricsSeconds;

    @Override
    protected int run(JsonLine result) throws Exception {
        ServerOptions options =
                ServerOptions.defaults()
                        .withChips(chips)
                        .withToken(DeviceTokens.read(tokenFile, "--token-file"))
                        .withIdleTimeout(Duration.ofSeconds(idleSeconds))
                        .withRequestTimeout(Duration.ofSeconds(requestSeconds))
                        .withResumeTimeout(Duration.ofSeconds(resumeSeconds));
        if (memoryBudget != null)
            options = options.withMemoryBudget(ByteSize.parse("--memory-budget", memoryBudget));
        ChipProfile chip = profile == null ? null : ChipProfiles.load(profile);
        if (chip != null) options = options.withProfile(chip);
        if ((tlsCert == null) != (tlsKey == null))
            throw new UsageError("--tls-cert and --tls-key go together");
        if (tlsCert != null) options = options.withTls(TlsContexts.server(tlsCert, tlsKey));
        EmulatedChipServer server = new EmulatedChipServer(options);
        InetSocketAddress addr = server.start(host, port);
        ServerMetrics.Snapshot start = server.metrics().snapshot();
        // Ctrl-C: drain the sessions, then the totals (the JVM exits right after its shutdown
        // hooks).
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.close();
                                    say(metricsLine(server.metrics().snapshot(), start));
                                },
                                "spikeforge-serve-shutdown"));
        // One line with the bound address, so scripts can wait for it and read the port.
        // A wildcard bind reads back as "0:0:0:0:0:0:0:0": print what was asked for; bracket IPv6
        // so HOST:PORT parses.
        String shown =
                addr.getAddress() != null && addr.getAddress().isAnyLocalAddress()
                        ? host
                        : addr.getHostString();
        if (shown.contains(":")) shown = "[" + shown + "]";
        say(
                "spikeforge device server listening on %s:%d (profile %s, %d chips, memory budget"
                        + " %d MiB, %s%s)",
                shown,
                addr.getPort(),
                chip == null ? "any" : chip.getName(),
                chips,
                options.memoryBudgetBytes() >> 20,
                options.tls() != null ? "TLS" : "plain TCP",
                options.token() != null ? ", token required" : "");
        if (options.token() != null
                && options.tls() == null
                && !addr.getAddress().isLoopbackAddress()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "spikeforge serve: warning: without --tls-cert/--tls-key the token"
                                    + " travels in clear text");
        }
        if (jsonOption.json) {
            // Scripts that start a server with --json read the bound address from this line right
            // away.
            out().println(new JsonLine().put("host", shown).put("port", addr.getPort()).render());
            out().flush();
        }
        ScheduledExecutorService ticker = null;
        if (metricsSeconds > 0) {
            ticker =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "spikeforge-serve-metrics");
                                t.setDaemon(true);
                                return t;
                            });
            ServerMetrics.Snapshot[] last = {start};
            ticker.scheduleAtFixedRate(
                    () -> {
                        ServerMetrics.Snapshot now = server.metrics().snapshot();
                        say(metricsLine(now, last[0]));
                        last[0] = now;
                    },
                    metricsSeconds,
                    metricsSeconds,
                    TimeUnit.SECONDS);
        }
        server.awaitTermination();
        if (ticker != null) ticker.shutdownNow();
        ServerMetrics.Snapshot end = server.metrics().snapshot();
        result.put("host", shown)
                .put("port", addr.getPort())
                .put("profile", chip == null ? "any" : chip.getName())
                .put("sessions_opened", end.sessionsOpened())
                .put("sessions_resumed", end.sessionsResumed())
                .put("steps", end.steps())
                .put("events", end.events())
                .put("errors", errorNames(end.errors()));
        return 0;
    }

    static String metricsLine(ServerMetrics.Snapshot now, ServerMetrics.Snapshot since) {
        return String.format(
                Locale.ROOT,
                "metrics: %d sessions (%d awaiting resume), %d connections, %.0f steps/s, %.3g"
                        + " events/s, %d steps in all, errors: %s",
                now.sessions(),
                now.detachedSessions(),
                now.connections(),
                now.stepsPerSecondSince(since),
                now.eventsPerSecondSince(since),
                now.steps(),
                now.errors().isEmpty() ? "none" : errorNames(now.errors()));
    }

    private static Map<String, Long> errorNames(Map<ErrorCode, Long> errors) {
        return errors.entrySet().stream()
                .collect(
                        Collectors.toMap(
                                e -> e.getKey().name(),
                                Map.Entry::getValue,
                                (a, b) -> a,
                                java.util.TreeMap::new));
    }
}
