package dev.spikeforge.device.bridge.server;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.ErrorCode;

/**
 * The memory a server may spend on its sessions' networks and uploads, shared by all sessions. A
 * session reserves its estimate before it allocates (an upload as its chunks arrive, a network
 * before it is laid out) and a request that would exceed the budget is refused with
 * RESOURCE_EXHAUSTED naming the estimate and the budget, so one client cannot exhaust the heap and
 * take every other session down with it.
 */
final class MemoryBudget {
    private final long limit;
    private long used;

    MemoryBudget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    synchronized long used() {
        return used;
    }

    Reservation reservation() {
        return new Reservation();
    }

    /**
     * One holder's share of the budget; resized as its need changes, released when the holder ends.
     */
    final class Reservation {
        private long held;

        /**
         * Holds {@code bytes} from now on; refuses (holding what it held before) when the budget
         * cannot give them.
         */
        void resize(long bytes, String what) {
            synchronized (MemoryBudget.this) {
                long others = used - held;
                if (bytes > held && others + bytes > limit) {
                    throw new DeviceException(
                            ErrorCode.RESOURCE_EXHAUSTED,
                            what
                                    + " needs an estimated "
                                    + mib(bytes)
                                    + " MiB of memory, and this device's budget is "
                                    + mib(limit)
                                    + " MiB, "
                                    + mib(others)
                                    + " MiB of it in use by other sessions and uploads"
                                    + (bytes > limit ? "" : ": try again later"));
                }
                used = others + bytes;
                held = bytes;
            }
        }

        /** Holds {@code bytes} whatever the budget says: for memory that is in use anyway. */
        void force(long bytes) {
            synchronized (MemoryBudget.this) {
                used += bytes - held;
                held = bytes;
            }
        }

        long held() {
            synchronized (MemoryBudget.this) {
                return held;
            }
        }

        void release() {
            force(0);
        }
    }

    static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
