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
        return with(c -> c.requestTimeout = timeout);
    }

    public ClientOptions withConnectTimeout(Duration timeout) {
        return with(c -> c.connectTimeout = timeout);
    }

    public ClientOptions withChunkBytes(int bytes) {
        return with(c -> c.chunkBytes = bytes);
    }

    public ClientOptions withClientName(String name) {
        return with(c -> c.clientName = name);
    }

    public ClientOptions withToken(String t) {
        return with(c -> c.token = t);
    }

    public ClientOptions withTls(SslContext context) {
        return with(c -> c.tls = context);
    }

    public ClientOptions withWindow(int frames) {
        return with(c -> c.window = frames);
    }

    public ClientOptions withRetry(RetryPolicy policy) {
        return with(c -> c.retry = policy);
    }

    public ClientOptions withRequiredCapabilities(List<String> capabilities) {
        return with(c -> c.requiredCapabilities = capabilities);
    }

    public ClientOptions withEventLoopGroup(EventLoopGroup group) {
        return with(c -> c.eventLoopGroup = group);
    }

    /** These options with some choices changed (the record's fields, as mutable copies). */
    private ClientOptions with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new ClientOptions(
                c.clientName,
                c.connectTimeout,
                c.requestTimeout,
                c.chunkBytes,
                c.maxFrameBytes,
                c.token,
                c.tls,
                c.window,
                c.retry,
                c.requiredCapabilities,
                c.eventLoopGroup);
    }

    /** A mutable copy of the fields, for {@link #with}. */
    private static final class Copy {
        String clientName;
        Duration connectTimeout;
        Duration requestTimeout;
        int chunkBytes;
        int maxFrameBytes;
        String token;
        SslContext tls;
        int window;
        RetryPolicy retry;
        List<String> requiredCapabilities;
        EventLoopGroup eventLoopGroup;

        Copy(ClientOptions o) {
            clientName = o.clientName;
            connectTimeout = o.connectTimeout;
            requestTimeout = o.requestTimeout;
            chunkBytes = o.chunkBytes;
            maxFrameBytes = o.maxFrameBytes;
            token = o.token;
            tls = o.tls;
            window = o.window;
            retry = o.retry;
            requiredCapabilities = o.requiredCapabilities;
            eventLoopGroup = o.eventLoopGroup;
        }
    }
}
