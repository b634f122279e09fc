package dev.spikeforge.netx;

import java.util.List;

/**
 * A netx file that cannot be written or read as asked: each problem names the layer (index and name
 * or type), the field and the constraint it breaks. Every problem of a network is collected, so one
 * run lists them all.
 */
public final class NetxException extends RuntimeException {
    private final List<String> problems;

    public NetxException(String subject, List<String> problems) {
        super(
                subject
                        + (problems.size() == 1
                                ? ": " + problems.get(0)
                                : ": "
                                        + problems.size()
                                        + " problems\n  - "
                                        + String.join("\n  - ", problems)));
        this.problems = List.copyOf(problems);
    }

    public NetxException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public NetxException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }
}
