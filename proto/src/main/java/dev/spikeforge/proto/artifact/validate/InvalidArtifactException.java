package dev.spikeforge.proto.artifact.validate;

import java.util.List;

/**
 * An artifact that parses but breaks the format's rules; the message lists every problem (field and
 * constraint).
 */
public final class InvalidArtifactException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidArtifactException(String what, Problems problems) {
        super(
                what
                        + " is invalid: "
                        + problems.count()
                        + " problem"
                        + (problems.count() == 1 ? "" : "s")
                        + problems.describe());
        this.problems = problems.list();
    }

    public List<String> problems() {
        return problems;
    }
}
