package dev.spikeforge.spark.engine;

import dev.spikeforge.cli.engine.TasksFailedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;

/**
 * Why a task's job failed and how often it was tried, from the exception Spark's job ended with.
 */
final class FailureReason {
    private static final Pattern ATTEMPTS = Pattern.compile("failed (\\d+) times?");

    private FailureReason() {}

    /**
     * The task's own exception's message when Spark kept it as the cause, else the first line of
     * Spark's report of it.
     */
    static String of(Throwable jobFailure) {
        for (Throwable t = jobFailure; t != null; t = t.getCause()) {
            if (!(t instanceof SparkException)
                    && !(t instanceof java.util.concurrent.ExecutionException))
                return TasksFailedException.reason(t);
        }
        String first =
                String.valueOf(TasksFailedException.reason(spark(jobFailure)))
                        .lines()
                        .findFirst()
                        .orElse("");
        int recent = first.indexOf("most recent failure: ");
        if (recent < 0) return first;
        int own =
                first.indexOf(
                        "): ",
                        recent); // after "Lost task 0.3 in stage 2.0 (TID 7) (host executor 1)"
        return own < 0 ? first.substring(recent) : first.substring(own + 3);
    }

    /** The attempts Spark reports ("failed 4 times"), or {@code fallback}. */
    static int attempts(Throwable jobFailure, int fallback) {
        Matcher m = ATTEMPTS.matcher(String.valueOf(spark(jobFailure).getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    private static Throwable spark(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause())
            if (c instanceof SparkException) return c;
        return t;
    }
}
