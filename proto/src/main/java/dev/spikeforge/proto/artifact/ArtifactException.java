package dev.spikeforge.proto.artifact;

import java.nio.file.Path;

/**
 * A file that is not a readable artifact of the expected kind; the message names the file, the
 * problem and a fix. It is an IllegalArgumentException: the input is at fault, not the program.
 */
public class ArtifactException extends IllegalArgumentException {
    /**
     * MISSING: no such file; TRUNCATED, CORRUPT: damaged; WRONG_VERSION, WRONG_KIND: another format
     * or kind; NOT_AN_ARTIFACT: not a Spikeforge artifact at all (or a directory); TOO_LARGE: over
     * a size or memory limit, refused before reading it; INVALID: parses, but a value breaks the
     * format's rules; IO: the system failed.
     */
    public enum Problem {
        MISSING,
        TRUNCATED,
        CORRUPT,
        WRONG_VERSION,
        WRONG_KIND,
        NOT_AN_ARTIFACT,
        TOO_LARGE,
        INVALID,
        IO
    }

    private final Path file;
    private final Problem problem;

    public ArtifactException(Path file, Problem problem, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.problem = problem;
    }

    public ArtifactException(Path file, Problem problem, String message) {
        this(file, problem, message, null);
    }

    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
