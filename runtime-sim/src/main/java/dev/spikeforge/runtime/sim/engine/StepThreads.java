package dev.spikeforge.runtime.sim.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of a multi-threaded simulator. A step is one phase whose items are the (layer,
 * partition) pairs: an item first delivers the previous step's spikes into its partition (held back
 * until now, so a step needs one hand-off between threads instead of two), then updates the
 * partition's neurons. Held-back spikes are delivered by {@link #flush()} whenever the simulator's
 * counters are read or it is reset, so nothing observable changes.
 *
 * <p>The calling thread publishes a phase and works on it too; every worker takes the items of its
 * home range first (the same partitions every step, so their accumulators stay in its cache) and
 * then takes what is left of the others'. A worker that the OS has descheduled (a machine shared
 * with other work) therefore delays a phase by at most the item it holds, not by its whole share,
 * and nobody waits for a worker to arrive: the caller only waits, at the end of each phase, for the
 * items taken to be finished.
 *
 * <p>Waiting spins for a few tens of microseconds (a phase is typically shorter), then yields, then
 * parks.
 */
final class StepThreads implements AutoCloseable {
    /** Longs between two workers' claim counters: 128 bytes, so they never share a cache line. */
    private static final int STRIDE = 16;

    private static final long SPIN_NANOS = 40_000;
    private static final int YIELDS = 50;

    /**
     * One phase as published to the workers: read once, so a late worker never mixes two phases'
     * arguments. Items deliver the spikes of step {@code deliverStep} (none when -1; host input in
     * {@code input}), then, unless {@code update} is -1, update step {@code update}.
     */
    private record Phase(
            int tag, int deliverStep, int[] input, int[] payloads, int inputCount, int update) {}

    private final StepWork[] work;
    private final LayerModel[] itemLayer;
    private final int[] itemPart;

    /** homeStart[k] .. homeStart[k + 1]: worker k's home items. */
    private final int[] homeStart;

    /** next[k * STRIDE] = phase tag << 32 | next unclaimed item of worker k's home range. */
    private final AtomicLongArray next;

    private final AtomicInteger done = new AtomicInteger();
    private final Thread[] helpers;

    /**
     * 1 while worker k is parked or about to park (the caller then unparks it when it publishes a
     * phase).
     */
    private final AtomicIntegerArray helperParked;

    private volatile Phase phase = new Phase(0, -1, null, null, 0, -1);
    private volatile boolean closed;
    private volatile boolean callerParked;
    private volatile Thread caller;
    private volatile Throwable failure;
    private int tag;

    /** The step whose spikes are not delivered yet (-1: none) and a copy of its host input. */
    private int pendingStep = -1;

    private int[] pendingInput = new int[16];

    /** Payloads of the held-back host input, when the input is graded (else null). */
    private int[] pendingPayloads;

    private int pendingCount;

    StepThreads(StepWork[] work, LayerModel[] layers, String name) {
        this.work = work;
        int t = work.length;
        int items = 0;
        for (LayerModel m : layers) items += m.segments.partitions();
        this.itemLayer = new LayerModel[items];
        this.itemPart = new int[items];
        this.homeStart = new int[t + 1];
        // Worker k's home: partitions [P·k/T, P·(k+1)/T) of every layer, listed contiguously.
        int i = 0;
        for (int k = 0; k < t; k++) {
            homeStart[k] = i;
            for (LayerModel m : layers) {
                int parts = m.segments.partitions();
                for (int p = parts * k / t; p < parts * (k + 1) / t; p++, i++) {
                    itemLayer[i] = m;
                    itemPart[i] = p;
                }
            }
        }
        homeStart[t] = i;
        this.next = new AtomicLongArray(t * STRIDE);
        this.helpers = new Thread[t - 1];
        this.helperParked = new AtomicIntegerArray(t);
        for (int k = 1; k < t; k++) {
            int id = k;
            Thread h = new Thread(() -> loop(id), name + "-worker-" + k);
            h.setDaemon(true);
            helpers[k - 1] = h;
        }
        for (Thread h : helpers) h.start();
    }

    /**
     * Delivers the previous step's spikes and updates every partition for step t, on all workers;
     * returns when every item is done. Step t's own spikes (input {@code in[0 .. count)}, copied)
     * wait for the next call or {@link #flush()}.
     */
    void step(int t, int[] in, int[] payloads, int count) {
        run(pendingStep, t);
        if (pendingInput.length < count)
            pendingInput = new int[Math.max(count, 2 * pendingInput.length)];
        System.arraycopy(in, 0, pendingInput, 0, count);
        if (payloads != null) {
            if (pendingPayloads == null || pendingPayloads.length < count)
                pendingPayloads = new int[pendingInput.length];
            System.arraycopy(payloads, 0, pendingPayloads, 0, count);
        }
        pendingCount = count;
        pendingStep = t;
    }

    /** Delivers the spikes held back from the last step, if any. */
    void flush() {
        if (pendingStep < 0) return;
        int s = pendingStep;
        pendingStep = -1;
        run(s, -1);
    }

    private void run(int deliverStep, int update) {
        caller = Thread.currentThread();
        runPhase(
                new Phase(++tag, deliverStep, pendingInput, pendingPayloads, pendingCount, update));
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("simulation worker failed: " + f, f);
        }
    }

    private void runPhase(Phase ph) {
        int items = itemPart.length;
        done.set(0);
        for (int k = 0; k < work.length; k++)
            next.set(k * STRIDE, (long) ph.tag() << 32 | homeStart[k]);
        phase = ph;
        for (int k = 1; k < work.length; k++)
            if (helperParked.get(k) != 0) LockSupport.unpark(helpers[k - 1]);
        work(0, ph);
        long spinStart = System.nanoTime();
        for (int yields = 0; done.get() != items; ) {
            if (System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (yields++ < YIELDS) {
                Thread.yield();
            } else {
                callerParked = true;
                if (done.get() != items) LockSupport.park(this);
                callerParked = false;
            }
        }
    }

    private void loop(int id) {
        int seen = 0;
        while (true) {
            Phase ph = awaitPhase(id, seen);
            if (ph == null) return;
            seen = ph.tag();
            work(id, ph);
        }
    }

    /** The next phase after {@code seen}, or null once closed. */
    private Phase awaitPhase(int id, int seen) {
        long spinStart = System.nanoTime();
        for (int yields = 0; ; ) {
            Phase ph = phase;
            if (closed) return null;
            if (ph.tag() != seen) return ph;
            if (System.nanoTime() - spinStart < SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (yields++ < YIELDS) {
                Thread.yield();
            } else {
                helperParked.set(id, 1);
                // Re-read after announcing: the caller unparks parked workers after publishing (no
                // lost wake-up).
                if (phase.tag() == seen && !closed) LockSupport.park(this);
                helperParked.set(id, 0);
            }
        }
    }

    /**
     * Takes and runs items of phase ph until none is left: own home range first, then the others'.
     */
    private void work(int id, Phase ph) {
        int items = itemPart.length;
        StepWork w = work[id];
        for (int j = 0, t = work.length; j < t; j++) {
            int k = (id + j) % t, end = homeStart[k + 1], slot = k * STRIDE;
            while (true) {
                long v = next.get(slot);
                if ((int) (v >>> 32) != ph.tag()) return;
                int i = (int) v;
                if (i >= end) break;
                if (!next.compareAndSet(slot, v, v + 1)) continue;
                try {
                    if (failure == null) {
                        if (ph.deliverStep() >= 0)
                            w.deliver(
                                    ph.deliverStep(),
                                    itemLayer[i],
                                    itemPart[i],
                                    ph.input(),
                                    ph.payloads(),
                                    ph.inputCount());
                        if (ph.update() >= 0) w.update(ph.update(), itemLayer[i], itemPart[i]);
                    }
                } catch (Throwable e) {
                    failure = e;
                }
                if (done.incrementAndGet() == items && callerParked) LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Thread h : helpers) LockSupport.unpark(h);
    }
}
