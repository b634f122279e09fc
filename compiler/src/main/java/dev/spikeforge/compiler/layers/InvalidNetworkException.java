package dev.spikeforge.compiler.layers;

import java.util.List;

/**
 * The trained network is malformed or uses a feature the compiler does not handle; lists every
 * problem found.
 */
public class InvalidNetworkException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidNetworkException(String network, List<String> problems) {
        super(
                "network '"
                        + network
                        + "' cannot be compiled:\n  - "
                        + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
