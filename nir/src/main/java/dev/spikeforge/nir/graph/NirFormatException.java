package dev.spikeforge.nir.graph;

/**
 * A NIR file or graph that cannot be read or converted; the message names the node, its type and
 * what is wrong.
 */
public class NirFormatException extends RuntimeException {
    private final String node;

    public NirFormatException(String message) {
        this(message, (Throwable) null);
    }

    public NirFormatException(String message, Throwable cause) {
        super(message, cause);
        this.node = cause instanceof NirFormatException n ? n.node : null;
    }

    private NirFormatException(String node, String message) {
        super(message);
        this.node = node;
    }

    /**
     * The path of the node the problem is at, or null when it concerns the file or graph as a
     * whole.
     */
    public String node() {
        return node;
    }

    /** "node 'path' (Type): problem". */
    public static NirFormatException at(String path, String type, String problem) {
        return new NirFormatException(path, "node '" + path + "' (" + type + "): " + problem);
    }
}
