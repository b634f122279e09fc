package dev.spikeforge.trainer.checkpoint;

import java.nio.file.Path;

/**
 * The files a run keeps next to its model, rewritten after every epoch: the checkpoint {@code train
 * --resume} continues from, and the per-epoch metrics as CSV, JSON and a PNG of the curves.
 */
public record RunDirectory(Path dir) {
    public Path checkpoint() {
        return dir.resolve("checkpoint.sfck");
    }

    public Path metricsCsv() {
        return dir.resolve("metrics.csv");
    }

    public Path metricsJson() {
        return dir.resolve("metrics.json");
    }

    public Path curves() {
        return dir.resolve("curves.png");
    }
}
