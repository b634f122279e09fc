package dev.spikeforge.device.bridge;

import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that becomes true asynchronously; the bound only keeps a broken build from
 * hanging.
 */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end)
                throw new AssertionError("still not true after 30 s: " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
