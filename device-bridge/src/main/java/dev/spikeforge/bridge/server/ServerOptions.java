package dev.spikeforge.bridge.server;

import dev.spikeforge.bridge.BridgeProtocol;

/**
 * Settings of an {@link EmulatedChipServer}.
 *
 * @param serverName       sent in HelloAck.server
 * @param maxFrameBytes    largest frame accepted; larger ones end the session with FRAME_TOO_LARGE
 * @param maxArtifactBytes largest network upload accepted
 * @param ioThreads        threads doing socket I/O and framing
 * @param deviceThreads    threads running sessions' devices, so a long step never stalls other sessions' I/O
 */
public record ServerOptions(String serverName, int maxFrameBytes, long maxArtifactBytes, int ioThreads, int deviceThreads) {

    public ServerOptions {
        if (maxFrameBytes < BridgeProtocol.CHUNK_OVERHEAD_BYTES * 2) throw new IllegalArgumentException("maxFrameBytes too small: " + maxFrameBytes);
        if (maxArtifactBytes <= 0) throw new IllegalArgumentException("maxArtifactBytes must be positive");
        if (ioThreads <= 0 || deviceThreads <= 0) throw new IllegalArgumentException("thread counts must be positive");
    }

    public static ServerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerOptions("spikeforge-emulated-chip", BridgeProtocol.DEFAULT_MAX_FRAME_BYTES,
                BridgeProtocol.DEFAULT_MAX_ARTIFACT_BYTES, 1, Math.max(1, cores));
    }

    public ServerOptions withMaxFrameBytes(int bytes) {
        return new ServerOptions(serverName, bytes, maxArtifactBytes, ioThreads, deviceThreads);
    }

    public ServerOptions withMaxArtifactBytes(long bytes) {
        return new ServerOptions(serverName, maxFrameBytes, bytes, ioThreads, deviceThreads);
    }

    public ServerOptions withThreads(int io, int device) {
        return new ServerOptions(serverName, maxFrameBytes, maxArtifactBytes, io, device);
    }
}
