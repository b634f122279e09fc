package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.BridgeProtocol;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.device.ChipDevice;
import dev.spikeforge.proto.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The server's sessions by id, attached or waiting to be resumed: opens them (taking a chip from
 * the pool), finds them for resume, ends them (returning the chip), and is the watchdog that
 * expires detached sessions and ends requests that run too long.
 */
final class SessionRegistry {
    private final ServerOptions options;
    private final ServerMetrics metrics;
    private final DevicePool pool;
    private final Executor workers;
    private final MemoryBudget memory;
    private final TokenThrottle tokens = new TokenThrottle();
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private boolean shuttingDown;

    /** A new session, or why there is none. */
    record Opened(LiveSession session, DeviceException refusal) {}

    SessionRegistry(
            ServerOptions options,
            ServerMetrics metrics,
            DevicePool pool,
            Executor workers,
            MemoryBudget memory) {
        this.memory = memory;
        this.options = options;
        this.metrics = metrics;
        this.pool = pool;
        this.workers = workers;
    }

    ServerOptions options() {
        return options;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    TokenThrottle tokens() {
        return tokens;
    }

    synchronized Opened open(ConnectionHandler connection, List<String> capabilities) {
        if (shuttingDown)
            return new Opened(
                    null,
                    new DeviceException(ErrorCode.SHUTTING_DOWN, "the device is shutting down"));
        ChipDevice device;
        try {
            device = pool.acquire();
        } catch (RuntimeException e) {
            return new Opened(
                    null, new DeviceException(ErrorCode.INTERNAL, "cannot open a chip: " + e));
        }
        if (device == null) {
            return new Opened(
                    null,
                    new DeviceException(
                            ErrorCode.BUSY,
                            "all " + options.chips() + " chips of this device are in use"));
        }
        String id = UUID.randomUUID().toString();
        boolean resumable = capabilities.contains(BridgeProtocol.CAP_RESUME);
        LiveSession s =
                new LiveSession(
                        new Session(id, device, options, metrics, memory),
                        device,
                        resumable,
                        options.window(),
                        this,
                        workers,
                        connection);
        sessions.put(id, s);
        metrics.sessionOpened();
        return new Opened(s, null);
    }

    LiveSession find(String id) {
        LiveSession s = sessions.get(id);
        return s == null || s.ended() ? null : s;
    }

    /** Called by a session's worker once, when it ends. */
    void ended(LiveSession s, ChipDevice device) {
        if (sessions.remove(s.id(), s)) {
            pool.release(device);
            metrics.sessionEnded();
        }
    }

    int size() {
        return sessions.size();
    }

    int chipsInUse() {
        return pool.inUse();
    }

    /**
     * Refuses new sessions and drains every existing one (each finishes what it has queued, then
     * closes).
     */
    void shutdown() {
        synchronized (this) {
            shuttingDown = true;
        }
        for (LiveSession s : sessions.values()) s.drain();
    }

    /** Waits until every session has ended; false on timeout. */
    boolean awaitEmpty(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!sessions.isEmpty() && System.currentTimeMillis() < end) Thread.sleep(5);
        return sessions.isEmpty();
    }

    /** The watchdog's periodic pass. */
    void tick() {
        long now = System.nanoTime();
        long request = options.requestTimeout().toNanos();
        long resume = options.resumeTimeout().toNanos();
        for (LiveSession s : sessions.values()) s.check(now, request, resume);
    }

    /** How often the watchdog runs: a fraction of the shortest timeout it enforces. */
    long tickMillis() {
        long shortest = Long.MAX_VALUE;
        if (!options.requestTimeout().isZero())
            shortest = Math.min(shortest, options.requestTimeout().toMillis());
        if (!options.resumeTimeout().isZero())
            shortest = Math.min(shortest, options.resumeTimeout().toMillis());
        return shortest == Long.MAX_VALUE ? 1000 : Math.max(10, Math.min(1000, shortest / 4));
    }
}
