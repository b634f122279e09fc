package dev.spikeforge.trainer.report;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.trainer.checkpoint.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a run's metrics files (CSV, JSON, curves PNG), each atomically, so a reader never sees
 * half a file.
 */
public final class RunFiles {
    private RunFiles() {}

    public static void writeMetrics(
            RunDirectory run, String title, List<EpochMetrics> epochs, List<String> layers) {
        ArtifactFiles.writeAtomically(
                run.metricsCsv(),
                MetricsTable.csv(epochs, layers).getBytes(StandardCharsets.UTF_8));
        ArtifactFiles.writeAtomically(
                run.metricsJson(),
                MetricsTable.json(epochs, layers).getBytes(StandardCharsets.UTF_8));
        ArtifactFiles.writeAtomically(run.curves(), CurvesChart.png(title, epochs, layers));
    }
}
