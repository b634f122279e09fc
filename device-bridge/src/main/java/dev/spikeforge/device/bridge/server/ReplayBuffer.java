package dev.spikeforge.device.bridge.server;

import dev.spikeforge.proto.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * The last frames a session sent, by seq, so that a host that lost its connection gets again the
 * replies it missed. A host keeps at most {@code window} frames awaiting replies, so it can never
 * miss more than that many; the buffer keeps twice as many to allow for unsolicited frames.
 */
final class ReplayBuffer {
    private final Frame[] ring;
    private long lastSeq;

    ReplayBuffer(int window) {
        ring = new Frame[Math.max(1, window) * 2];
    }

    /** Records a frame of the session's numbering (seq = previous + 1). */
    void add(Frame f) {
        lastSeq = f.getSeq();
        ring[(int) (lastSeq % ring.length)] = f;
    }

    /**
     * The frames after {@code seq} in order, or null when some of them are no longer held (or never
     * existed).
     */
    List<Frame> after(long seq) {
        if (seq > lastSeq || seq < 0) return null;
        long missing = lastSeq - seq;
        if (missing > ring.length) return null;
        List<Frame> out = new ArrayList<>((int) missing);
        for (long s = seq + 1; s <= lastSeq; s++) {
            Frame f = ring[(int) (s % ring.length)];
            if (f == null || f.getSeq() != s) return null;
            out.add(f);
        }
        return out;
    }
}
