package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.runtime.sim.io.SpikeFileReading;
import dev.spikeforge.runtime.sim.io.SpikeFiles;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * How simulate and deploy read an --input spike file: the same reader, the same report of what was
 * read, used and dropped (in the summary and as input_events_read / _used / _dropped in the JSON
 * line), and the same --strict.
 */
public final class SpikeFileOptions {
    @Option(
            names = "--strict",
            description =
                    "Refuse a spike file with events the run cannot use (at steps >= --steps, or"
                            + " repeated) instead of reporting them as dropped.")
    boolean strict;

    /**
     * Reads {@code file} for a network of {@code inputs} axons and {@code payloadBits}-bit input
     * payloads (0: binary).
     */
    SpikeFileReading read(
            Path file,
            int inputs,
            int payloadBits,
            int steps,
            Consumer<String> say,
            JsonLine result) {
        SpikeFileReading r = SpikeFiles.read(file, inputs, steps, payloadBits);
        if (strict) r.requireNothingDropped();
        say.accept(r.describe());
        result.put("input_events_read", r.eventsRead())
                .put("input_events_used", r.eventsUsed())
                .put("input_events_dropped", r.droppedByReason());
        return r;
    }
}
