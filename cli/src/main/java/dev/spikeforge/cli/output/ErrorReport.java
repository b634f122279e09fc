package dev.spikeforge.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How a failed command reports itself: one line on stderr, "spikeforge CMD: error: MESSAGE" (or
 * "usage error"), and with --json a last stdout line {"error": MESSAGE, "kind": "error" | "usage"}.
 * Never a stack trace (set -Dspikeforge.trace=true for one): errors of the input name the file or
 * flag already; anything else is labelled an internal error with its type, so "error: -1" cannot
 * happen.
 */
public final class ErrorReport {
    public static final String KIND_ERROR = "error";
    public static final String KIND_USAGE = "usage";

    private ErrorReport() {}

    public static void print(
            PrintWriter err,
            PrintWriter out,
            String command,
            String kind,
            String message,
            boolean json,
            Throwable cause) {
        err.println(
                "spikeforge "
                        + command
                        + ": "
                        + (KIND_USAGE.equals(kind) ? "usage error: " : "error: ")
                        + message);
        if (KIND_USAGE.equals(kind))
            err.println("Run 'spikeforge " + command + " --help' for its options.");
        if (cause != null && Boolean.getBoolean("spikeforge.trace")) cause.printStackTrace(err);
        err.flush();
        if (json) {
            out.println(new JsonLine().put("error", message).put("kind", kind).render());
            out.flush();
        }
    }

    /**
     * The message of an exception for people: its own for expected failures, labelled with its type
     * otherwise.
     */
    public static String message(Throwable ex) {
        Throwable t = ex;
        // UncheckedIOException and wrappers without a message of their own say nothing the cause
        // does not.
        while (t.getCause() != null
                && (t instanceof UncheckedIOException
                        || t.getMessage() == null
                        || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (this JVM may use "
                    + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB): give Java more (bin/spikeforge reads SPIKEFORGE_JAVA_OPTS, e.g."
                    + " -Xmx16g) or use a smaller input";
        }
        String m = t.getMessage();
        if (expected(t) && m != null && !m.isBlank()) return m;
        return "internal error: "
                + t.getClass().getSimpleName()
                + (m == null ? "" : ": " + m)
                + " (a bug: please report it with the command line; -Dspikeforge.trace=true shows"
                + " where)";
    }

    /**
     * Failures whose messages are written for users: bad input, refused requests, the system's own
     * I/O errors.
     */
    private static boolean expected(Throwable t) {
        return t instanceof IllegalArgumentException
                || t instanceof IllegalStateException
                || t instanceof IOException
                || t.getClass().getName().startsWith("dev.spikeforge.");
    }
}
