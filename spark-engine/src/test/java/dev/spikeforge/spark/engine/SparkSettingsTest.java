package dev.spikeforge.spark.engine;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.UsageError;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Masters, retries and the executors' jars, without starting Spark. */
class SparkSettingsTest {
    @Test
    void localMastersRetryLikeAClusterAndOthersAreKept() {
        assertEquals("local[1,4]", SparkSettings.withRetries("local", 4));
        assertEquals("local[2,4]", SparkSettings.withRetries("local[2]", 4));
        assertEquals("local[*,3]", SparkSettings.withRetries("local[*]", 3));
        assertEquals(
                "local[2,7]",
                SparkSettings.withRetries("local[2,7]", 4),
                "a given attempt count is kept");
        assertEquals("spark://h:7077", SparkSettings.withRetries("spark://h:7077", 4));
    }

    @Test
    void sparkSubmitsMasterAndSettingsAreTakenAndAClusterNeedsTheJars() {
        Properties p = new Properties();
        p.setProperty("spark.master", "local[3]");
        p.setProperty("spark.task.maxFailures", "2");
        SparkConf c = SparkSettings.conf(null, "app", p);
        assertEquals("local[3,2]", c.get("spark.master"));
        assertEquals("127.0.0.1", c.get("spark.driver.host"));

        UsageError e =
                assertThrows(
                        UsageError.class,
                        () -> SparkSettings.conf("spark://h:7077", "app", new Properties()));
        assertTrue(
                e.getMessage().contains("--master spark://h:7077")
                        && e.getMessage().contains("docs/cluster.md"),
                e.getMessage());
        p.setProperty(SparkSettings.EXECUTOR_JARS, "/a.jar,/b.jar");
        c = SparkSettings.conf("spark://h:7077", "app", p);
        assertEquals("/a.jar,/b.jar", c.get("spark.jars"));
        assertEquals("spark://h:7077", c.get("spark.master"));
        assertFalse(
                c.contains("spark.driver.host"),
                "a cluster reaches the driver on its network address");
    }
}
