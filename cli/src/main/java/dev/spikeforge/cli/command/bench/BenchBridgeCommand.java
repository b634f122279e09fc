package dev.spikeforge.cli.command.bench;

import dev.spikeforge.cli.command.CommandBase;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.device.bridge.bench.BridgeBench;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `spikeforge bench bridge`: spike events per second and per-step round trips through the device
 * bridge on loopback, with every reply checked against the in-process simulator. The server and the
 * clients share this process (and its cores), as they would on a host that runs the emulator next
 * to its deployment.
 */
@Command(
        name = "bridge",
        description =
                "Device bridge speed (events/s, step round trips) over loopback, every output"
                        + " checked against the simulator.")
public final class BenchBridgeCommand extends CommandBase {
    /** The targets, reported next to the figures. */
    static final double TARGET_EVENTS_PER_S = 5e6;

    static final double TARGET_P99_MS = 1.0;

    @Option(
            names = "--sessions",
            defaultValue = "1",
            paramLabel = "S",
            description = "Concurrent sessions, one connection each (default ${DEFAULT-VALUE}).")
    int sessions;

    @Option(
            names = "--steps",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Timed steps per session (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--events-per-step",
            defaultValue = "1000",
            paramLabel = "E",
            description = "Input spikes per step (default ${DEFAULT-VALUE}).")
    int eventsPerStep;

    @Option(
            names = "--window",
            defaultValue = "4",
            paramLabel = "W",
            description =
                    "Steps a session keeps in flight; 1 is strict request/reply (default"
                            + " ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--hidden",
            defaultValue = "32",
            paramLabel = "H",
            description = "Hidden neurons of the benchmark network (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
            names = "--warmup",
            defaultValue = "3000",
            paramLabel = "N",
            description =
                    "Untimed steps per session first, for the JIT (default ${DEFAULT-VALUE}: after"
                            + " 300, C2 was still compiling the step path and its pauses made the"
                            + " window-1 p99; docs/benchmarks.md).")
    int warmup;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed of the network and the inputs (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    protected int run(JsonLine result) throws Exception {
        BridgeBench.Config c =
                new BridgeBench.Config(
                        sessions, steps, eventsPerStep, window, hidden, warmup, seed);
        BridgeBench.Result r = BridgeBench.run(c);
        say(
                "bench bridge: %d session(s) × %d steps × %d input spikes, window %d, network %d"
                        + " inputs -> %d LIF -> 10 LIF, loopback",
                sessions, steps, eventsPerStep, window, c.inputs(), hidden);
        say(
                "  %.3f M events/s in all, %.3f M events/s per session (%d steps in %.3f s, %.0f"
                        + " steps/s)",
                r.eventsPerSecond() / 1e6,
                r.eventsPerSecondPerSession() / 1e6,
                r.totalSteps(),
                r.seconds(),
                r.stepsPerSecond());
        say(
                "  step round trip p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                r.p50StepMs(), r.p99StepMs(), r.maxStepMs());
        say(
                "  checked against the simulator: %d lost, %d duplicated, %d crossed%s",
                r.lost(), r.duplicated(), r.crossed(), r.clean() ? "" : "  <-- FAILED");
        if (sessions == 1) {
            // The per-connection targets are about one connection with the machine to itself.
            say(
                    "  targets: >= 5 M events/s per connection: %s; p99 <= 1 ms: %s",
                    yesNo(r.eventsPerSecondPerSession() >= TARGET_EVENTS_PER_S),
                    yesNo(r.p99StepMs() <= TARGET_P99_MS));
        } else {
            say(
                    "  target: zero lost, duplicated or crossed events across %d sessions: %s",
                    sessions, yesNo(r.clean()));
        }
        Map<String, Long> errors =
                r.server().errors().entrySet().stream()
                        .collect(
                                Collectors.toMap(
                                        e -> e.getKey().name(),
                                        Map.Entry::getValue,
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        result.put("events_per_s", r.eventsPerSecond())
                .put("events_per_s_per_session", r.eventsPerSecondPerSession())
                .put("steps_per_s", r.stepsPerSecond())
                .put("p50_step_ms", r.p50StepMs())
                .put("p99_step_ms", r.p99StepMs())
                .put("max_step_ms", r.maxStepMs())
                .put("lost", r.lost())
                .put("duplicated", r.duplicated())
                .put("crossed", r.crossed())
                .put("sessions", sessions)
                .put("steps", steps)
                .put("events_per_step", eventsPerStep)
                .put("window", window)
                .put("hidden", hidden)
                .put("inputs", c.inputs())
                .put("warmup_steps", warmup)
                .put("seed", seed)
                .put("total_steps", r.totalSteps())
                .put("input_events", r.inputEvents())
                .put("output_events", r.outputEvents())
                .put("seconds", r.seconds())
                .put("server_errors", errors)
                .put("java", System.getProperty("java.vm.name") + " " + Runtime.version())
                .put("available_processors", Runtime.getRuntime().availableProcessors());
        return r.clean() ? 0 : 1;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
