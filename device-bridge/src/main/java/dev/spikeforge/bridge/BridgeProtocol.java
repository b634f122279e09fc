package dev.spikeforge.bridge;

/** Constants of the device wire protocol (docs/protocol.md) shared by server, client and device adapters. */
public final class BridgeProtocol {
    /** The protocol version this bridge speaks; a Hello with any other version is refused. */
    public static final int VERSION = 1;
    /** Default limit on one frame's payload; larger frames are refused with FRAME_TOO_LARGE. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;
    /** Default LoadChunk payload: well under the frame limit, small enough to interleave with other traffic. */
    public static final int DEFAULT_CHUNK_BYTES = 256 << 10;
    /** Room left in a frame for the Frame/LoadChunk fields around a chunk's data. */
    public static final int CHUNK_OVERHEAD_BYTES = 1024;
    /** Default limit on a whole uploaded artifact, so one client cannot make the server buffer without bound. */
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 256L << 20;
    /** TCP port a server listens on when none is given. */
    public static final int DEFAULT_PORT = 7471;

    private BridgeProtocol() {}
}
