package dev.spikeforge.device.bridge.server;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down guessing the token: after a wrong token from an address, Hellos from that address are
 * refused for a while without their token being compared (so they test no guess), 1 s after the
 * first failure and twice as long after each further one, at most a minute. A correct token clears
 * the address; failures an hour old are forgotten. The table keeps the most recent {@value
 * #MAX_ADDRESSES} addresses, so a flood of addresses cannot grow it without bound.
 */
final class TokenThrottle {
    static final long BASE_NANOS = 1_000_000_000L;
    static final long MAX_NANOS = 60_000_000_000L;
    static final long FORGET_NANOS = 3_600_000_000_000L;
    static final int MAX_ADDRESSES = 4096;

    private static final class Failures {
        int count;
        long last;
        long lockedUntil;
    }

    private final LongSupplier nanoTime;
    private final Map<InetAddress, Failures> byAddress =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
                    return size() > MAX_ADDRESSES;
                }
            };

    TokenThrottle() {
        this(System::nanoTime);
    }

    TokenThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Nanoseconds {@code from} must still wait before its token is compared (0: compare it now).
     */
    synchronized long waitNanos(InetAddress from) {
        Failures f = byAddress.get(from);
        if (f == null) return 0;
        long now = nanoTime.getAsLong();
        if (now - f.last > FORGET_NANOS) {
            byAddress.remove(from);
            return 0;
        }
        return Math.max(0, f.lockedUntil - now);
    }

    /** A wrong token: lock the address for twice as long as last time. */
    synchronized void failed(InetAddress from) {
        long now = nanoTime.getAsLong();
        Failures f = byAddress.computeIfAbsent(from, a -> new Failures());
        f.count = Math.min(f.count + 1, 62);
        f.last = now;
        long lock = f.count > 30 ? MAX_NANOS : Math.min(MAX_NANOS, BASE_NANOS << (f.count - 1));
        f.lockedUntil = now + lock;
    }

    synchronized void succeeded(InetAddress from) {
        byAddress.remove(from);
    }
}
