package dev.spikeforge.cli.command;

import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which dataset a command reads, and from where. */
public final class DataOptions {
    static final String DEFAULT_DATASET = "fashion-mnist";

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            defaultValue = DEFAULT_DATASET,
            description = "Dataset (default: ${DEFAULT-VALUE}).")
    public String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Directory holding the dataset's IDX files (default: SPIKEFORGE_FASHION_MNIST"
                            + " or /usr/share/datasets/fashion-mnist).")
    public Path dataDir;

    public LabeledImages load(FashionMnist.Split split, int limit) {
        if (!dataset.equals("fashion-mnist")) {
            throw new UsageError(
                    "--dataset: unknown dataset '" + dataset + "'; known: fashion-mnist");
        }
        return FashionMnist.load(
                dataDir != null ? dataDir : FashionMnist.defaultDir(), split, limit);
    }
}
