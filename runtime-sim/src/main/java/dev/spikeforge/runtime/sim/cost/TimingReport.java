package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.Pacing;
import java.util.List;

/**
 * How long a run took on the chip: its chip time at the figures' values and both ends of their
 * ranges, the shortest, mean and longest step, each core's busy time, the core that set the step
 * time most often, and (paced chips) the cores that overran a step.
 *
 * @param chipBounds chip time at {@link Bound} VALUE, LOW, HIGH
 * @param busySeconds per core, the sum of its busy time over all steps (values)
 * @param bottleneckCore the core that was busiest in the most steps; {@link #HOST} when sending
 *     host input was, {@link #NONE} when nothing was ever busy
 * @param bottleneckSteps in how many steps it was
 */
public record TimingReport(
        Pacing pacing,
        long steps,
        long inferences,
        double[] chipBounds,
        double minStepSeconds,
        double maxStepSeconds,
        double[] busySeconds,
        int bottleneckCore,
        int bottleneckLayer,
        long bottleneckSteps,
        long overloads,
        List<ChipClock.Overload> overloadExamples) {
    /**
     * {@link #bottleneckCore()} when the host's sending of input messages took longest most often.
     */
    public static final int HOST = -1;

    /**
     * {@link #bottleneckCore()} when no core was ever busy (no latencies in the profile, or no
     * steps).
     */
    public static final int NONE = -2;

    public double chipSeconds() {
        return chipBounds[0];
    }

    /** [low, high] of the chip time. */
    public double[] chipBand() {
        return new double[] {chipBounds[1], chipBounds[2]};
    }

    public double meanStepSeconds() {
        return steps == 0 ? 0 : chipBounds[0] / steps;
    }

    public double latencyPerInference() {
        return chipBounds[0] / inferences;
    }

    public double[] latencyBandPerInference() {
        return new double[] {chipBounds[1] / inferences, chipBounds[2] / inferences};
    }

    /** Inferences per second, one after the other on one chip (0 before any step). */
    public double throughput() {
        return chipBounds[0] == 0 ? 0 : inferences / chipBounds[0];
    }
}
