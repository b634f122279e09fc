package dev.spikeforge.cli.command;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.engine.Engines;
import dev.spikeforge.cli.engine.LocalEngine;
import picocli.CommandLine.Option;

/** Where a command's independent pieces of work run: --engine local|spark [--master URL]. */
public final class EngineOptions {
    @Option(
            names = "--engine",
            paramLabel = "local|spark",
            defaultValue = Engines.LOCAL,
            description =
                    "Where the work runs: local (threads of this process, the default) or spark"
                            + " (tasks of a Spark application, on this machine or a cluster;"
                            + " docs/cluster.md). Results are the same either way.")
    public String engine;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "With --engine spark: the Spark master, e.g. spark://HOST:7077 or local[4] "
                            + "(default: spark.master as spark-submit sets it, else local[*]).")
    public String master;

    public boolean local() {
        return engine.equals(Engines.LOCAL);
    }

    /**
     * @param localThreads threads of the local engine
     */
    public Engine open(int localThreads, String appName) {
        if (local()) {
            if (master != null)
                throw new UsageError(
                        "--master applies to --engine spark; the local engine runs in this"
                                + " process");
            return new LocalEngine(localThreads);
        }
        return Engines.provider(engine).orElseThrow(this::missing).open(master, appName);
    }

    private UsageError missing() {
        if (engine.equals("spark")) {
            return new UsageError(
                    "--engine spark: the Spark engine is not on the class path. Build it with 'mvn"
                        + " -B -q -DskipTests -pl spark-engine -am package' (bin/spikeforge then"
                        + " adds spark-engine/target/spikeforge-spark-engine.jar and"
                        + " spark-engine/target/lib), or run under spark-submit as docs/cluster.md"
                        + " shows");
        }
        return new UsageError(
                "--engine: unknown engine '"
                        + engine
                        + "'; available here: "
                        + String.join(", ", Engines.available()));
    }
}
