package dev.spikeforge.cli.engine;

import dev.spikeforge.cli.command.UsageError;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the engine --engine names: the built-in local one, or a provider found on the class path. */
public final class Engines {
    public static final String LOCAL = "local";

    private Engines() {}

    public static Engine open(String name, String master, int localThreads, String appName) {
        if (name.equals(LOCAL)) {
            if (master != null) throw new UsageError("--master applies to --engine spark; the local engine runs in this process");
            return new LocalEngine(localThreads);
        }
        List<String> known = new ArrayList<>(List.of(LOCAL));
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.name().equals(name)) return p.open(master, appName);
            known.add(p.name());
        }
        if (name.equals("spark")) {
            throw new UsageError("--engine spark: the Spark engine is not on the class path. Build it with "
                    + "'mvn -B -q -DskipTests package' (bin/spikeforge then adds spark-engine/target/spikeforge-spark-engine.jar and "
                    + "spark-engine/target/lib), or run under spark-submit as docs/cluster.md shows");
        }
        throw new UsageError("--engine: unknown engine '" + name + "'; available here: " + String.join(", ", known));
    }
}
