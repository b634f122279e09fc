package dev.spikeforge.cli.engine;

/**
 * An engine that lives outside the cli's module, found with {@link java.util.ServiceLoader} when
 * its jar is on the class path (META-INF/services/dev.spikeforge.cli.engine.EngineProvider).
 */
public interface EngineProvider {
    /** The name --engine selects it by. */
    String name();

    /**
     * @param master where to run (e.g. spark://host:7077, local[2]); null: the provider's default
     * @param appName what the cluster shows the job as
     */
    Engine open(String master, String appName);
}
