package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.Figure;

/** Which end of every figure's range a computation uses: its value, or all lows, or all highs. */
public enum Bound {
    VALUE,
    LOW,
    HIGH;

    public static final Bound[] ALL = values();

    /** The figure at this bound; a figure given without a range ([0, 0]) is exact at its value. */
    public double of(Figure f) {
        boolean ranged = f.getLow() != 0 || f.getHigh() != 0;
        return switch (this) {
            case VALUE -> f.getValue();
            case LOW -> ranged ? f.getLow() : f.getValue();
            case HIGH -> ranged ? f.getHigh() : f.getValue();
        };
    }
}
