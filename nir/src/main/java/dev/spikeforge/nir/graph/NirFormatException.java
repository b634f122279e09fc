package dev.spikeforge.nir.graph;

/** A NIR file or graph that cannot be read or converted; the message names the node, its type and what is wrong. */
public class NirFormatException extends RuntimeException {
    public NirFormatException(String message) {
        super(message);
    }

    public NirFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "node 'path' (Type): problem". */
    public static NirFormatException at(String path, String type, String problem) {
        return new NirFormatException("node '" + path + "' (" + type + "): " + problem);
    }
}
