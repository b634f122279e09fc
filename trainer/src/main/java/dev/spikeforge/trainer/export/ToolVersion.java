package dev.spikeforge.trainer.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version string recorded in provenance, filled in by Maven resource filtering at build time.
 */
public final class ToolVersion {
    private static final String VALUE = load();

    private ToolVersion() {}

    public static String get() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in =
                ToolVersion.class.getResourceAsStream(
                        "/dev/spikeforge/trainer/version.properties")) {
            if (in == null) return "spikeforge-trainer (unknown version)";
            Properties p = new Properties();
            p.load(in);
            return "spikeforge-trainer " + p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "spikeforge-trainer (unknown version)";
        }
    }
}
