package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.proto.ChipProfile;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * Settings of an {@link EmulatedChipServer}. Start from {@link #defaults()} and change what you
 * need with the {@code with...} methods.
 *
 * @param serverName sent in HelloAck.server
 * @param maxFrameBytes largest frame accepted; larger ones end the session with FRAME_TOO_LARGE
 * @param maxArtifactBytes largest network upload accepted
 * @param ioThreads threads doing socket I/O, TLS and framing
 * @param deviceThreads threads running sessions' devices, so a long step never stalls other
 *     sessions' I/O
 * @param token the token every Hello must carry; null: none (only allowed on a loopback address)
 * @param tls server TLS context, or null for plain TCP
 * @param profile the chip profile the emulator stands for; null: it runs networks of any profile
 * @param chips chips the server hosts, i.e. sessions it serves at once; one more is refused with
 *     BUSY
 * @param window most frames a host may have awaiting replies (HelloAck.window); replies kept for
 *     resume
 * @param helloTimeout a connection that sends no Hello within this is closed with TIMEOUT
 * @param idleTimeout a connection with neither reads nor write progress for this long is closed
 *     (zero: never)
 * @param requestTimeout a request the device takes longer than this to run ends its session with
 *     TIMEOUT (zero: never)
 * @param resumeTimeout how long a session whose connection was lost waits to be resumed (zero: no
 *     resume)
 * @param drainTimeout how long close() lets sessions finish the requests they already received
 * @param memoryBudgetBytes memory all sessions' networks and uploads may take together (estimated
 *     before they are allocated); more is refused with RESOURCE_EXHAUSTED
 */
public record ServerOptions(
        String serverName,
        int maxFrameBytes,
        long maxArtifactBytes,
        int ioThreads,
        int deviceThreads,
        String token,
        SslContext tls,
        ChipProfile profile,
        int chips,
        int window,
        Duration helloTimeout,
        Duration idleTimeout,
        Duration requestTimeout,
        Duration resumeTimeout,
        Duration drainTimeout,
        long memoryBudgetBytes) {

    public ServerOptions {
        if (maxFrameBytes < BridgeProtocol.CHUNK_OVERHEAD_BYTES * 2)
            throw new IllegalArgumentException("maxFrameBytes too small: " + maxFrameBytes);
        if (maxArtifactBytes <= 0)
            throw new IllegalArgumentException("maxArtifactBytes must be positive");
        if (ioThreads <= 0 || deviceThreads <= 0)
            throw new IllegalArgumentException("thread counts must be positive");
        if (chips <= 0) throw new IllegalArgumentException("chips must be positive");
        if (window <= 0) throw new IllegalArgumentException("window must be positive");
        if (memoryBudgetBytes <= 0)
            throw new IllegalArgumentException("memoryBudgetBytes must be positive");
        if (token != null && token.isEmpty()) token = null;
        for (Duration d :
                new Duration[] {
                    helloTimeout, idleTimeout, requestTimeout, resumeTimeout, drainTimeout
                }) {
            if (d == null || d.isNegative())
                throw new IllegalArgumentException("timeouts must be zero or positive");
        }
    }

    public static ServerOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerOptions(
                "spikeforge-emulated-chip",
                BridgeProtocol.DEFAULT_MAX_FRAME_BYTES,
                BridgeProtocol.DEFAULT_MAX_ARTIFACT_BYTES,
                1,
                Math.max(1, cores),
                null,
                null,
                null,
                256,
                BridgeProtocol.DEFAULT_WINDOW,
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                defaultMemoryBudget());
    }

    public ServerOptions withServerName(String name) {
        return with(c -> c.serverName = name);
    }

    public ServerOptions withMaxFrameBytes(int bytes) {
        return with(c -> c.maxFrameBytes = bytes);
    }

    public ServerOptions withMaxArtifactBytes(long bytes) {
        return with(c -> c.maxArtifactBytes = bytes);
    }

    public ServerOptions withThreads(int io, int device) {
        return with(
                c -> {
                    c.ioThreads = io;
                    c.deviceThreads = device;
                });
    }

    public ServerOptions withToken(String t) {
        return with(c -> c.token = t);
    }

    public ServerOptions withTls(SslContext context) {
        if (context != null && !context.isServer())
            throw new IllegalArgumentException("a server needs a server TLS context");
        return with(c -> c.tls = context);
    }

    public ServerOptions withProfile(ChipProfile p) {
        return with(c -> c.profile = p);
    }

    public ServerOptions withChips(int n) {
        return with(c -> c.chips = n);
    }

    public ServerOptions withWindow(int frames) {
        return with(c -> c.window = frames);
    }

    public ServerOptions withHelloTimeout(Duration d) {
        return with(c -> c.helloTimeout = d);
    }

    public ServerOptions withIdleTimeout(Duration d) {
        return with(c -> c.idleTimeout = d);
    }

    public ServerOptions withRequestTimeout(Duration d) {
        return with(c -> c.requestTimeout = d);
    }

    public ServerOptions withResumeTimeout(Duration d) {
        return with(c -> c.resumeTimeout = d);
    }

    public ServerOptions withDrainTimeout(Duration d) {
        return with(c -> c.drainTimeout = d);
    }

    /** Three quarters of the heap: the rest is for connections, buffers and the server itself. */
    public static long defaultMemoryBudget() {
        return Runtime.getRuntime().maxMemory() / 4 * 3;
    }

    public ServerOptions withMemoryBudget(long bytes) {
        return with(c -> c.memoryBudgetBytes = bytes);
    }

    /** Whether sessions outlive a lost connection (HelloAck grants the "resume" capability). */
    public boolean resumable() {
        return !resumeTimeout.isZero();
    }

    /** These options with some choices changed (the record's fields, as mutable copies). */
    private ServerOptions with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new ServerOptions(
                c.serverName,
                c.maxFrameBytes,
                c.maxArtifactBytes,
                c.ioThreads,
                c.deviceThreads,
                c.token,
                c.tls,
                c.profile,
                c.chips,
                c.window,
                c.helloTimeout,
                c.idleTimeout,
                c.requestTimeout,
                c.resumeTimeout,
                c.drainTimeout,
                c.memoryBudgetBytes);
    }

    /** A mutable copy of the fields, for {@link #with}. */
    private static final class Copy {
        String serverName;
        int maxFrameBytes;
        long maxArtifactBytes;
        int ioThreads;
        int deviceThreads;
        String token;
        SslContext tls;
        ChipProfile profile;
        int chips;
        int window;
        Duration helloTimeout;
        Duration idleTimeout;
        Duration requestTimeout;
        Duration resumeTimeout;
        Duration drainTimeout;
        long memoryBudgetBytes;

        Copy(ServerOptions o) {
            serverName = o.serverName;
            maxFrameBytes = o.maxFrameBytes;
            maxArtifactBytes = o.maxArtifactBytes;
            ioThreads = o.ioThreads;
            deviceThreads = o.deviceThreads;
            token = o.token;
            tls = o.tls;
            profile = o.profile;
            chips = o.chips;
            window = o.window;
            helloTimeout = o.helloTimeout;
            idleTimeout = o.idleTimeout;
            requestTimeout = o.requestTimeout;
            resumeTimeout = o.resumeTimeout;
            drainTimeout = o.drainTimeout;
            memoryBudgetBytes = o.memoryBudgetBytes;
        }
    }
}
