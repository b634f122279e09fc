package dev.spikeforge.cli.command;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.engine.Engines;
import picocli.CommandLine.Option;

/** Where a command's independent pieces of work run: --engine local|spark [--master URL]. */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = Engines.LOCAL, description = "Where the work runs: local "
            + "(threads of this process, the default) or spark (tasks of a Spark application, on this machine or a cluster; "
            + "docs/cluster.md). Results are the same either way.")
    public String engine;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, e.g. spark://HOST:7077 or local[4] "
            + "(default: spark.master as spark-submit sets it, else local[*]).")
    public String master;

    public boolean local() {
        return engine.equals(Engines.LOCAL);
    }

    /** @param localThreads threads of the local engine */
    public Engine open(int localThreads, String appName) {
        return Engines.open(engine, master, localThreads, appName);
    }
}
