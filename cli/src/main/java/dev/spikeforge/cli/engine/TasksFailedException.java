package dev.spikeforge.cli.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Tasks that failed for good (after the engine's retries); the others ran to the end and were
 * reported.
 */
public final class TasksFailedException extends RuntimeException {
    /** One failed task: its index, how often it was tried and why its last try failed. */
    public record Failure(int task, int attempts, String reason) {
        /** "task 3 (4 attempts): reason", with the task called {@code name} when given. */
        public String describe(String name) {
            return name
                    + " ("
                    + attempts
                    + " attempt"
                    + (attempts == 1 ? "" : "s")
                    + "): "
                    + reason;
        }

        String describe() {
            return describe("task " + task);
        }
    }

    private final List<Failure> failures;

    public TasksFailedException(List<Failure> failures) {
        super(
                failures.size()
                        + " task(s) failed: "
                        + failures.stream()
                                .map(Failure::describe)
                                .collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
    }

    public List<Failure> failures() {
        return failures;
    }

    /** A failure's message, or its class when it has none (a NullPointerException). */
    public static String reason(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
