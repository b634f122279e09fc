package dev.spikeforge.compiler.profile;

import java.util.List;

/**
 * A chip profile that cannot be used; the message names its source (file or profile name) and every
 * bad field.
 */
public class ProfileException extends RuntimeException {
    private final String source;
    private final List<String> fields;

    public ProfileException(String source, List<String> fields, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
        this.fields = List.copyOf(fields);
    }

    public ProfileException(String source, List<String> fields, String message) {
        this(source, fields, message, null);
    }

    /** The file path or profile name the problem was found in. */
    public String source() {
        return source;
    }

    /**
     * JSON names of the offending fields (e.g. "neurons_per_core", "energy.hop_j"); empty when the
     * file as a whole is bad.
     */
    public List<String> fields() {
        return fields;
    }
}
