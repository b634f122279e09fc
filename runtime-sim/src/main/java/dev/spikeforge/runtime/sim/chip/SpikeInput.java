package dev.spikeforge.runtime.sim.chip;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.runtime.sim.io.SpikeFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Input spikes for a run: per step, the input axons that spike and, for graded input, their
 * payloads. Immutable.
 */
public final class SpikeInput {
    private final int inputs;
    private final int[][] perStep;

    /** Payloads aligned with perStep, or null for binary spikes. */
    private final int[][] payloads;

    private SpikeInput(int inputs, int[][] perStep) {
        this(inputs, perStep, null);
    }

    private SpikeInput(int inputs, int[][] perStep, int[][] payloads) {
        this.inputs = inputs;
        this.perStep = perStep;
        this.payloads = payloads;
    }

    public static SpikeInput of(SpikeTrain train) {
        int[][] copy = new int[train.steps()][];
        for (int t = 0; t < copy.length; t++) copy[t] = train.spikesPerStep()[t].clone();
        int[][] pay = null;
        if (train.graded()) {
            pay = new int[train.steps()][];
            for (int t = 0; t < pay.length; t++) pay[t] = train.payloadsPerStep()[t].clone();
        }
        return new SpikeInput(train.inputs(), copy, pay);
    }

    /**
     * Reads a spike file (CSV {@code step,neuron} or JSON lines), keeping events of steps 0 ..
     * steps-1; use {@link SpikeFiles#read} to learn how many events were past the steps or
     * repeated.
     */
    public static SpikeInput read(Path file, int inputs, int steps) {
        return of(SpikeFiles.read(file, inputs, steps).train());
    }

    /** No spikes at all for {@code steps} steps. */
    public static SpikeInput silent(int inputs, int steps) {
        int[][] s = new int[steps][];
        Arrays.fill(s, new int[0]);
        return new SpikeInput(inputs, s);
    }

    /**
     * Each axon spikes independently with probability {@code rate} on every step (seeded,
     * reproducible).
     */
    public static SpikeInput bernoulli(int inputs, int steps, double rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] s = new int[steps][];
        int[] buf = new int[inputs];
        for (int t = 0; t < steps; t++) {
            int n = 0;
            for (int i = 0; i < inputs; i++) if (r.nextDouble() < rate) buf[n++] = i;
            s[t] = Arrays.copyOf(buf, n);
        }
        return new SpikeInput(inputs, s);
    }

    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /**
     * Collects spikes step by step: {@code SpikeInput.builder(4).at(0, 1, 3).at(2,
     * 0).steps(10).build()}.
     */
    public static final class Builder {
        private final int inputs;
        private final List<TreeSet<Integer>> steps = new ArrayList<>();
        private int length;

        private Builder(int inputs) {
            if (inputs < 1)
                throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
            this.inputs = inputs;
        }

        /** Axons spiking on {@code step}. */
        public Builder at(int step, int... axons) {
            if (step < 0) throw new IllegalArgumentException("step " + step + " is negative");
            while (steps.size() <= step) steps.add(new TreeSet<>());
            for (int a : axons) {
                if (a < 0 || a >= inputs)
                    throw new IllegalArgumentException(
                            "axon "
                                    + a
                                    + " at step "
                                    + step
                                    + " is not an input (0.."
                                    + (inputs - 1)
                                    + ")");
                steps.get(step).add(a);
            }
            length = Math.max(length, step + 1);
            return this;
        }

        /** The same axons on every step of [from, to). */
        public Builder every(int from, int to, int... axons) {
            for (int t = from; t < to; t++) at(t, axons);
            return this;
        }

        /** Total length (at least one past the last spike). */
        public Builder steps(int n) {
            if (n < length)
                throw new IllegalArgumentException(
                        n + " steps is shorter than the last spike's step " + (length - 1));
            length = n;
            return this;
        }

        public SpikeInput build() {
            int[][] s = new int[length][];
            for (int t = 0; t < length; t++) {
                s[t] =
                        t < steps.size()
                                ? steps.get(t).stream().mapToInt(Integer::intValue).toArray()
                                : new int[0];
            }
            return new SpikeInput(inputs, s);
        }
    }

    public int inputs() {
        return inputs;
    }

    public int steps() {
        return perStep.length;
    }

    /** Axons spiking on step t (empty past the end). Do not modify. */
    int[] at(int t) {
        return t < perStep.length ? perStep[t] : EMPTY;
    }

    /** Payloads of step t's spikes, or null for binary input. Do not modify. */
    int[] payloadsAt(int t) {
        return payloads == null ? null : t < payloads.length ? payloads[t] : EMPTY;
    }

    /** Whether the spikes carry payloads (graded input). */
    public boolean graded() {
        return payloads != null;
    }

    private static final int[] EMPTY = new int[0];

    public long totalSpikes() {
        long n = 0;
        for (int[] s : perStep) n += s.length;
        return n;
    }

    public SpikeTrain toSpikeTrain() {
        int[][] copy = new int[perStep.length][];
        for (int t = 0; t < copy.length; t++) copy[t] = perStep[t].clone();
        if (payloads == null) return new SpikeTrain(inputs, copy);
        int[][] pay = new int[payloads.length][];
        for (int t = 0; t < pay.length; t++) pay[t] = payloads[t].clone();
        return new SpikeTrain(inputs, copy, pay);
    }
}
