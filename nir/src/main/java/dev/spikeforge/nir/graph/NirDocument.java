package dev.spikeforge.nir.graph;

import java.util.Objects;

/** What a NIR file holds: the format version string and the top-level graph. */
public record NirDocument(String version, NirGraph graph) {
    /** The NIR release whose file layout the writer follows. */
    public static final String DEFAULT_VERSION = "1.0.6";

    public NirDocument {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(graph, "graph");
    }
}
