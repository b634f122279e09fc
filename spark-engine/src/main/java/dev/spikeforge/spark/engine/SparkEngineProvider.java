package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.engine.EngineProvider;

/**
 * --engine spark, found by the cli through java.util.ServiceLoader when this module's jar is on the
 * class path.
 */
public final class SparkEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(String master, String appName) {
        return new SparkEngine(SparkSettings.conf(master, appName, System.getProperties()));
    }
}
