package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.command.UsageError;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a Spikeforge run: master, retries, and the jars executors on other
 * machines need.
 */
final class SparkSettings {
    /** Spark's default for spark.task.maxFailures on a cluster. */
    static final int DEFAULT_ATTEMPTS = 4;

    /**
     * Set by bin/spikeforge: the cli's jar, its libraries and this module's jar, comma-separated,
     * for executors elsewhere.
     */
    static final String EXECUTOR_JARS = "spikeforge.executor.jars";

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");

    private SparkSettings() {}

    /**
     * @param master --master, or null: spark.master as spark-submit sets it, else local[*]
     * @param system the JVM's system properties (spark.* ones are Spark settings, as spark-submit
     *     passes them)
     */
    static SparkConf conf(String master, String appName, Properties system) {
        SparkConf conf = new SparkConf(false);
        for (String k : system.stringPropertyNames())
            if (k.startsWith("spark.")) conf.set(k, system.getProperty(k));
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        int attempts = conf.getInt("spark.task.maxFailures", DEFAULT_ATTEMPTS);
        conf.set("spark.task.maxFailures", Integer.toString(attempts));
        conf.setMaster(withRetries(m, attempts));
        conf.setAppName(appName);
        if (isLocal(m)) {
            // Everything is in this process: keep Spark's driver on the loopback address rather
            // than the network's.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!isLocal(m) && !conf.contains("spark.jars")) {
            String jars = system.getProperty(EXECUTOR_JARS);
            if (jars == null || jars.isBlank()) {
                throw new UsageError(
                        "--master "
                                + m
                                + ": the executors need Spikeforge's jars; run through"
                                + " bin/spikeforge (it passes them), or spark-submit with --jars as"
                                + " docs/cluster.md shows, or set spark.jars");
            }
            conf.set("spark.jars", jars);
        }
        return conf;
    }

    /**
     * Spark's local masters try a task once (local[N] means N threads and 1 attempt), unlike a
     * cluster: local[N,F] gives them the same attempts, so a failing cell is retried the same way
     * on a laptop and on a cluster.
     */
    static String withRetries(String master, int attempts) {
        Matcher local = LOCAL.matcher(master);
        if (!local.matches()) return master;
        String threads = local.group(1) == null ? "1" : local.group(1);
        return "local[" + threads + "," + attempts + "]";
    }

    static boolean isLocal(String master) {
        return master.startsWith("local");
    }
}
