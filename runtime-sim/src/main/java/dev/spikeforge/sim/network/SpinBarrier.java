package dev.spikeforge.sim.network;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for the few threads of one simulator. Steps are short (tens of microseconds), so waiters spin
 * first and only park when the simulator is idle, so an unused simulator costs no CPU.
 */
final class SpinBarrier {
    private static final int SPINS = 1 << 12;
    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    private final Thread[] members;
    private volatile int generation;

    SpinBarrier(int parties) {
        this.parties = parties;
        this.members = new Thread[parties];
    }

    /** Registers the calling thread under an index, so a trip can wake it from park. */
    void register(int index) {
        members[index] = Thread.currentThread();
    }

    void await() {
        int g = generation;
        if (arrived.incrementAndGet() == parties) {
            arrived.set(0);
            generation = g + 1;
            for (Thread t : members) if (t != null && t != Thread.currentThread()) LockSupport.unpark(t);
            return;
        }
        for (int i = 0; generation == g; i++) {
            if (i < SPINS) Thread.onSpinWait();
            else LockSupport.park(this);
        }
    }
}
