package dev.spikeforge.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the device token comes from: a file (first line), else the SPIKEFORGE_DEVICE_TOKEN
 * variable. Never a command-line argument, which other users of the machine could read in the
 * process list.
 */
final class DeviceTokens {
    static final String ENV = "SPIKEFORGE_DEVICE_TOKEN";

    private DeviceTokens() {}

    /** The token, or null when neither source has one. */
    static String read(Path file, String flag) {
        if (file != null) {
            try {
                String t =
                        Files.readString(file, StandardCharsets.UTF_8)
                                .lines()
                                .findFirst()
                                .orElse("")
                                .strip();
                if (t.isEmpty())
                    throw new IllegalArgumentException(flag + ": " + file + " is empty");
                return t;
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        flag + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : env.strip();
    }
}
