package dev.spikeforge.artifact;

import java.nio.file.Path;

/** A file that is not a readable artifact of the expected kind; the message names the file, the problem and a fix. */
public class ArtifactException extends RuntimeException {
    public enum Problem { MISSING, TRUNCATED, CORRUPT, WRONG_VERSION, WRONG_KIND, NOT_AN_ARTIFACT, IO }

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
