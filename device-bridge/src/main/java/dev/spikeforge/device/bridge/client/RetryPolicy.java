package dev.spikeforge.device.bridge.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a client reconnects after losing its connection: up to {@code maxAttempts} tries, waiting
 * {@code initialBackoff} before the first and doubling up to {@code maxBackoff}, each wait jittered
 * down by up to half so that many clients of a restarted device do not all come back at the same
 * instant.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 0)
            throw new IllegalArgumentException("maxAttempts must be zero or positive");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /** 8 tries over roughly 15 s: long enough for a device to restart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(4));
    }

    /** No reconnection: a lost connection fails what was in flight. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before try {@code attempt} (0-based). */
    public Duration delay(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(maxBackoff.toMillis(), base);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
