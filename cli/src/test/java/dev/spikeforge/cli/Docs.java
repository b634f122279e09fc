package dev.spikeforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Networks the documentation shows, read from the documentation itself so tests and docs cannot
 * drift apart.
 */
final class Docs {
    private Docs() {}

    /**
     * The k-th ```json block of docs/compiled-network.md (0: the one-neuron network, 1: the sparse
     * shift one).
     */
    static String compiledExample(int k) throws IOException {
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        int start = -1;
        for (int i = 0; i <= k; i++) start = doc.indexOf("```json", start + 1);
        start += "```json".length();
        return doc.substring(start, doc.indexOf("```", start));
    }
}
