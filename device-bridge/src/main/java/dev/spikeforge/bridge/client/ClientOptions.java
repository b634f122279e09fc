package dev.spikeforge.bridge.client;

import dev.spikeforge.bridge.BridgeProtocol;

import java.time.Duration;

/**
 * Settings of a {@link DeviceClient}.
 *
 * @param clientName     sent in Hello.client
 * @param connectTimeout TCP connect and Hello
 * @param requestTimeout longest wait for one reply (a whole upload counts as one request)
 * @param chunkBytes     LoadChunk payload size; capped to what the server's max_frame_bytes allows
 * @param maxFrameBytes  largest frame accepted from the server
 */
public record ClientOptions(String clientName, Duration connectTimeout, Duration requestTimeout, int chunkBytes, int maxFrameBytes) {

    public ClientOptions {
        if (chunkBytes <= 0) throw new IllegalArgumentException("chunkBytes must be positive");
        if (maxFrameBytes <= 0) throw new IllegalArgumentException("maxFrameBytes must be positive");
    }

    public static ClientOptions defaults() {
        return new ClientOptions("spikeforge-device-client", Duration.ofSeconds(10), Duration.ofSeconds(60),
                BridgeProtocol.DEFAULT_CHUNK_BYTES, BridgeProtocol.DEFAULT_MAX_FRAME_BYTES);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(clientName, connectTimeout, timeout, chunkBytes, maxFrameBytes);
    }

    public ClientOptions withChunkBytes(int bytes) {
        return new ClientOptions(clientName, connectTimeout, requestTimeout, bytes, maxFrameBytes);
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(name, connectTimeout, requestTimeout, chunkBytes, maxFrameBytes);
    }
}
