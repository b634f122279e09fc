package dev.spikeforge.sim.network;

/**
 * The helper threads of a multi-threaded simulator. The calling thread is worker 0; helpers 1..T-1 run the same
 * two phases of every step on their own partitions, separated by barriers.
 */
final class StepThreads implements AutoCloseable {
    private final StepWork[] work;
    private final SpinBarrier barrier;
    private final Thread[] helpers;
    private volatile boolean closed;
    // Step arguments, published to the helpers by the barrier.
    private int step;
    private int[] input;
    private int inputCount;
    private volatile Throwable failure;

    StepThreads(StepWork[] work, String name) {
        this.work = work;
        this.barrier = new SpinBarrier(work.length);
        this.helpers = new Thread[work.length - 1];
        for (int i = 1; i < work.length; i++) {
            int id = i;
            Thread t = new Thread(() -> loop(id), name + "-worker-" + i);
            t.setDaemon(true);
            helpers[i - 1] = t;
        }
        for (Thread t : helpers) t.start();
    }

    private void loop(int id) {
        barrier.register(id);
        while (true) {
            barrier.await();
            if (closed) return;
            phases(id);
        }
    }

    private void phases(int id) {
        try {
            work[id].update(step);
        } catch (Throwable e) {
            failure = e;
        }
        barrier.await();
        try {
            if (failure == null) work[id].deliver(step, input, inputCount);
        } catch (Throwable e) {
            failure = e;
        }
        barrier.await();
    }

    /** Runs one step on all threads and returns when every partition is done. */
    void step(int t, int[] in, int count) {
        barrier.register(0);
        step = t;
        input = in;
        inputCount = count;
        barrier.await();
        phases(0);
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("simulation worker failed: " + f, f);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        barrier.register(0);
        barrier.await();
    }
}
