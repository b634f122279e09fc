package dev.spikeforge.device.bridge;

import java.util.List;

/**
 * Constants of the device wire protocol (docs/protocol.md) shared by server, client and device
 * adapters.
 */
public final class BridgeProtocol {
    /** The highest protocol version this bridge speaks. */
    public static final int VERSION = 3;

    /**
     * The lowest protocol version this bridge speaks; version 1 (no per-chunk replies, no resume)
     * is not spoken.
     */
    public static final int MIN_VERSION = 2;

    /**
     * The first version whose InputStep carries payloads: networks with graded or host input need
     * it.
     */
    public static final int PAYLOADS_VERSION = 3;

    /**
     * Capability: the device keeps a session whose connection dropped and accepts Hello.session_id
     * to resume it.
     */
    public static final String CAP_RESUME = "resume";

    /** Capability: Telemetry.per_core is filled. */
    public static final String CAP_PER_CORE_TELEMETRY = "per-core-telemetry";

    /** Capability: Telemetry energy fields are filled. */
    public static final String CAP_ENERGY = "energy";

    /** What this bridge implements, on both ends. */
    public static final List<String> CAPABILITIES =
            List.of(CAP_RESUME, CAP_PER_CORE_TELEMETRY, CAP_ENERGY);

    /** Default limit on one frame's payload; larger frames are refused with FRAME_TOO_LARGE. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;

    /**
     * Default LoadChunk payload: well under the frame limit, small enough to interleave with other
     * traffic.
     */
    public static final int DEFAULT_CHUNK_BYTES = 256 << 10;

    /** Room left in a frame for the Frame/LoadChunk fields around a chunk's data. */
    public static final int CHUNK_OVERHEAD_BYTES = 1024;

    /**
     * Default limit on a whole uploaded artifact, so one client cannot make the server buffer
     * without bound.
     */
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 256L << 20;

    /**
     * Default number of host frames that may await their reply; also how many replies a device
     * keeps for resume.
     */
    public static final int DEFAULT_WINDOW = 256;

    /** TCP port a server listens on when none is given. */
    public static final int DEFAULT_PORT = 7471;

    private BridgeProtocol() {}
}
