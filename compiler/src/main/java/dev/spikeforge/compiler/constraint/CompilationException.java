package dev.spikeforge.compiler.constraint;

import java.util.List;

/**
 * The network does not fit the chip profile; the message lists every violation so a user fixes them
 * in one pass.
 */
public class CompilationException extends RuntimeException {
    private final List<ConstraintViolation> violations;

    public CompilationException(
            String network, String profile, List<ConstraintViolation> violations) {
        super(message(network, profile, violations));
        this.violations = List.copyOf(violations);
    }

    public List<ConstraintViolation> violations() {
        return violations;
    }

    private static String message(
            String network, String profile, List<ConstraintViolation> violations) {
        StringBuilder b =
                new StringBuilder("network '")
                        .append(network)
                        .append("' does not fit chip profile '")
                        .append(profile)
                        .append("': ")
                        .append(violations.size())
                        .append(violations.size() == 1 ? " violation" : " violations");
        for (ConstraintViolation v : violations) b.append("\n  - ").append(v.describe());
        return b.toString();
    }
}
