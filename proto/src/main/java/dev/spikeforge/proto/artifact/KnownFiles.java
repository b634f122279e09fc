package dev.spikeforge.proto.artifact;

import java.nio.charset.StandardCharsets;

/**
 * Files a user may hand to a command that wants an artifact, recognized by their first bytes so the
 * error says what the file is and where it belongs instead of only "not a Spikeforge artifact".
 */
public final class KnownFiles {
    /** Magic of a training checkpoint (the trainer's checkpoint.sfck). */
    public static final byte[] CHECKPOINT_MAGIC = "SFCK".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private KnownFiles() {}

    /**
     * What a file starting with {@code head} is and how to use it, or null when it is nothing
     * known.
     */
    static String describe(byte[] head, int length) {
        if (startsWith(head, length, CHECKPOINT_MAGIC)) {
            return "is a training checkpoint (SFCK), not a network artifact: continue its run with"
                    + " `spikeforge train --resume DIR` (the run directory holding it); the"
                    + " network is the MODEL file train wrote";
        }
        if (startsWith(head, length, HDF5_MAGIC)) {
            return "is an HDF5 file (a NIR graph?), not a Spikeforge artifact: turn a NIR graph"
                    + " into one with `spikeforge import-nir`";
        }
        return null;
    }

    /** Bytes of a UTF-8 byte-order mark at the start, else 0. */
    public static int bomLength(byte[] head, int length) {
        return startsWith(head, length, UTF8_BOM) ? UTF8_BOM.length : 0;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }
}
