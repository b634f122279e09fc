package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.device.ChipDevice;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The chips a server hosts: at most {@code capacity} devices in use, one per session. A device is
 * made when a session opens and closed when it ends, so a session never sees another's state.
 */
final class DevicePool {
    private static final System.Logger LOG = System.getLogger(DevicePool.class.getName());

    private final Supplier<? extends ChipDevice> factory;
    private final Semaphore free;
    private final int capacity;

    DevicePool(Supplier<? extends ChipDevice> factory, int capacity) {
        this.factory = factory;
        this.capacity = capacity;
        this.free = new Semaphore(capacity);
    }

    /** A device for a new session, or null when every chip is in use. */
    ChipDevice acquire() {
        if (!free.tryAcquire()) return null;
        try {
            return factory.get();
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    void release(ChipDevice device) {
        try {
            device.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing a device failed: " + e);
        } finally {
            free.release();
        }
    }

    int inUse() {
        return capacity - free.availablePermits();
    }
}
