package dev.spikeforge.device.bridge.server;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Wrong tokens from one address lock it out for doubling times; a right one clears it; other
 * addresses are free.
 */
class TokenThrottleTest {
    private long now = 1_000_000_000_000L;
    private final TokenThrottle throttle = new TokenThrottle(() -> now);

    @Test
    void eachWrongTokenDoublesTheWaitUpToAMinute() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("192.0.2.2");
        assertEquals(0, throttle.waitNanos(a));
        long expected = TokenThrottle.BASE_NANOS;
        for (int i = 0; i < 8; i++) {
            throttle.failed(a);
            assertEquals(
                    Math.min(expected, TokenThrottle.MAX_NANOS),
                    throttle.waitNanos(a),
                    "after failure " + (i + 1));
            now += throttle.waitNanos(a);
            assertEquals(0, throttle.waitNanos(a), "the wait ends");
            expected *= 2;
        }
        assertEquals(0, throttle.waitNanos(b), "another address is not held up");
        throttle.failed(a);
        assertEquals(TokenThrottle.MAX_NANOS, throttle.waitNanos(a), "at most a minute");
        throttle.succeeded(a);
        assertEquals(0, throttle.waitNanos(a));
    }

    @Test
    void oldFailuresAreForgottenAndTheTableIsBounded() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 5; i++) throttle.failed(a);
        now += TokenThrottle.FORGET_NANOS + 1;
        assertEquals(0, throttle.waitNanos(a));
        throttle.failed(a);
        assertEquals(TokenThrottle.BASE_NANOS, throttle.waitNanos(a), "counting starts over");
        for (int i = 0; i < TokenThrottle.MAX_ADDRESSES + 10; i++) {
            throttle.failed(
                    InetAddress.getByAddress(
                            new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertEquals(0, throttle.waitNanos(a), "the oldest addresses make room");
    }
}
