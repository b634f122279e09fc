package dev.spikeforge.device.bridge.client;

import dev.spikeforge.device.bridge.BridgeProtocol;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a {@link DeviceClient}. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods.
 *
 * @param clientName sent in Hello.client
 * @param connectTimeout TCP connect, TLS handshake and Hello
 * @param requestTimeout longest wait for one reply
 * @param chunkBytes LoadChunk payload size; capped to what the server's max_frame_bytes allows
 * @param maxFrameBytes largest frame accepted from the server
 * @param token sent in Hello.token, or null
 * @param tls client TLS context (see {@link dev.spikeforge.device.bridge.tls.TlsContexts}), or null
 *     for plain TCP
 * @param window most requests awaiting replies at once (the device's HelloAck.window may lower it)
 * @param retry how to reconnect after losing the connection
 * @param requiredCapabilities capabilities without which the client refuses the device
 *     (CAPABILITY_MISMATCH)
 * @param eventLoopGroup I/O threads to share between clients, or null for one thread of the
 *     client's own
 */
public record ClientOptions(
        String clientName,
        Duration connectTimeout,
        Duration requestTimeout,
        int chunkBytes,
        int maxFrameBytes,
        String token,
        SslContext tls,
        int window,
        RetryPolicy retry,
        List<String> requiredCapabilities,
        EventLoopGroup eventLoopGroup) {

    public ClientOptions {
        if (chunkBytes <= 0) throw new IllegalArgumentException("chunkBytes must be positive");
        if (maxFrameBytes <= 0)
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        if (window <= 0) throw new IllegalArgumentException("window must be positive");
        if (tls != null && tls.isServer())
            throw new IllegalArgumentException("a client needs a client TLS context");
        if (token != null && token.isEmpty()) token = null;
        requiredCapabilities = List.copyOf(requiredCapabilities);
    }

    public static ClientOptions defaults() {
        return new ClientOptions(
                "spikeforge-device-client",
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                BridgeProtocol.DEFAULT_CHUNK_BYTES,
                BridgeProtocol.DEFAULT_MAX_FRAME_BYTES,
                null,
                null,
                BridgeProtocol.DEFAULT_WINDOW,
                RetryPolicy.defaults(),
                List.of(),
                null);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                timeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(
                clientName,
                timeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withChunkBytes(int bytes) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                bytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withClientName(String name) {
        return new ClientOptions(
                name,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withToken(String t) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                t,
                tls,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withTls(SslContext context) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                context,
                window,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withWindow(int frames) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                frames,
                retry,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withRetry(RetryPolicy policy) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                policy,
                requiredCapabilities,
                eventLoopGroup);
    }

    public ClientOptions withRequiredCapabilities(List<String> capabilities) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                capabilities,
                eventLoopGroup);
    }

    public ClientOptions withEventLoopGroup(EventLoopGroup group) {
        return new ClientOptions(
                clientName,
                connectTimeout,
                requestTimeout,
                chunkBytes,
                maxFrameBytes,
                token,
                tls,
                window,
                retry,
                requiredCapabilities,
                group);
    }
}
