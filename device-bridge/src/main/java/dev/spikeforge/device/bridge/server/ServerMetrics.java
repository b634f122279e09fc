package dev.spikeforge.device.bridge.server;

import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.Frame;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a server, updated by every session and read at any time with {@link #snapshot()}.
 * Rates (steps/s, events/s) are the difference of two snapshots, so any reporting interval can be
 * used.
 */
public final class ServerMetrics {
    private static final ErrorCode[] CODES =
            java.util.Arrays.stream(ErrorCode.values())
                    .filter(c -> c != ErrorCode.UNRECOGNIZED)
                    .toArray(ErrorCode[]::new);

    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger detached = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsResumed = new LongAdder();
    private final LongAdder steps = new LongAdder();
    private final LongAdder inputEvents = new LongAdder();
    private final LongAdder outputEvents = new LongAdder();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder readPauses = new LongAdder();
    private final AtomicLong peakPendingWriteBytes = new AtomicLong();
    private final AtomicLongArray errors = new AtomicLongArray(CODES.length);

    /** A consistent-enough reading of every counter, with the time it was taken. */
    public record Snapshot(
            long nanoTime,
            int sessions,
            int detachedSessions,
            int connections,
            long sessionsOpened,
            long sessionsResumed,
            long steps,
            long inputEvents,
            long outputEvents,
            long framesIn,
            long framesOut,
            long readPauses,
            long peakPendingWriteBytes,
            Map<ErrorCode, Long> errors) {

        /** Spike events in and out. */
        public long events() {
            return inputEvents + outputEvents;
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public double stepsPerSecondSince(Snapshot earlier) {
            return rate(steps - earlier.steps, earlier);
        }

        public double eventsPerSecondSince(Snapshot earlier) {
            return rate(events() - earlier.events(), earlier);
        }

        private double rate(long delta, Snapshot earlier) {
            double s = (nanoTime - earlier.nanoTime) / 1e9;
            return s <= 0 ? 0 : delta / s;
        }
    }

    public Snapshot snapshot() {
        Map<ErrorCode, Long> e = new EnumMap<>(ErrorCode.class);
        for (int i = 0; i < CODES.length; i++) {
            long n = errors.get(i);
            if (n > 0) e.put(CODES[i], n);
        }
        return new Snapshot(
                System.nanoTime(),
                sessions.get(),
                detached.get(),
                connections.get(),
                sessionsOpened.sum(),
                sessionsResumed.sum(),
                steps.sum(),
                inputEvents.sum(),
                outputEvents.sum(),
                framesIn.sum(),
                framesOut.sum(),
                readPauses.sum(),
                peakPendingWriteBytes.get(),
                Collections.unmodifiableMap(e));
    }

    void stepRun(int in, int out) {
        steps.increment();
        inputEvents.add(in);
        outputEvents.add(out);
    }

    void frameIn() {
        framesIn.increment();
    }

    /** Counts a frame sent, and its error code if it is an Error. */
    void frameOut(Frame f) {
        framesOut.increment();
        if (f.getBodyCase() == Frame.BodyCase.ERROR) {
            ErrorCode c = f.getError().getCode();
            for (int i = 0; i < CODES.length; i++) {
                if (CODES[i] == c) {
                    errors.incrementAndGet(i);
                    break;
                }
            }
        }
    }

    void sessionOpened() {
        sessionsOpened.increment();
        sessions.incrementAndGet();
    }

    void sessionEnded() {
        sessions.decrementAndGet();
    }

    void sessionResumed() {
        sessionsResumed.increment();
    }

    void detachedChanged(int delta) {
        detached.addAndGet(delta);
    }

    void connectionChanged(int delta) {
        connections.addAndGet(delta);
    }

    void readPaused() {
        readPauses.increment();
    }

    void pendingWriteBytes(long bytes) {
        peakPendingWriteBytes.accumulateAndGet(bytes, Math::max);
    }
}
