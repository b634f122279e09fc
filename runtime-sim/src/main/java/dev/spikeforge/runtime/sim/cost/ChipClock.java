package dev.spikeforge.runtime.sim.cost;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chip time, step by step, from each step's event counts. A core is busy for the sum of the
 * latencies of the events it handles in the step (its neurons' accesses, updates and spikes, the
 * messages it sends and receives one after the other, and the synaptic ops of the messages it
 * receives). A free-running chip's step lasts as long as its busiest core, plus the longest network
 * trip of a message sent in the step, plus the barrier for the tiles in use; a paced chip's step
 * lasts its period, and a core busier than that is an overload.
 *
 * <p>Times are whole femtoseconds, so the sums are exact and do not depend on the order steps or
 * simulators are added in. Every quantity is kept at the figures' values and at both ends of their
 * ranges.
 */
public final class ChipClock {
    /** Overloads kept as examples; the rest are only counted. */
    static final int EXAMPLES = 20;

    private final ChipCosts costs;
    private final int cores;
    private final int[] layerOfCore;

    /**
     * hopMaxFs[bound][core]: the longest trip of a message the core sends; hostHopMaxFs for host
     * input.
     */
    private final long[][] hopMaxFs;

    private final long[] hostHopMaxFs;
    private final long[] syncFs = new long[3];
    private final long[][] latency = new long[3][];
    private final int[] busyKinds;

    private final long[] timeFs = new long[3];
    private long steps;
    private long minStepFs = Long.MAX_VALUE, maxStepFs;
    private final long[] busyFs;
    private final long[] bottleneck;
    private long overloads;
    private final List<Overload> examples = new ArrayList<>();
    private int stepInRun;
    private final long[] lastBusyFs;
    private final long[] lastStepFs = new long[3];

    /**
     * A core that needed more than a paced chip's step: its busy time on step {@code step} of its
     * run.
     */
    public record Overload(int core, int layer, int step, double busySeconds, double periodSeconds)
            implements Serializable {}

    /**
     * What a clock has added up, without the network's figures: what a part of a dataset run
     * elsewhere sends back to be added into a clock of the same network ({@link #add(Totals)}).
     */
    public record Totals(
            long[] timeFs,
            long steps,
            long minStepFs,
            long maxStepFs,
            long[] busyFs,
            long[] bottleneck,
            long overloads,
            List<Overload> examples)
            implements Serializable {}

    public ChipClock(
            ChipCosts costs,
            ChipGeometry geometry,
            int[] layerOfCore,
            long[][] hopMaxFs,
            long[] hostHopMaxFs) {
        this.costs = costs;
        this.cores = layerOfCore.length;
        this.layerOfCore = layerOfCore;
        this.hopMaxFs = hopMaxFs;
        this.hostHopMaxFs = hostHopMaxFs;
        for (Bound b : Bound.ALL) {
            syncFs[b.ordinal()] = costs.syncFs(b, geometry.tilesInUse());
            latency[b.ordinal()] = costs.latenciesFs(b);
        }
        int k = 0;
        int[] kinds = new int[EventKind.COUNT];
        for (EventKind e : EventKind.ALL) if (e.occupiesCore()) kinds[k++] = e.ordinal();
        busyKinds = Arrays.copyOf(kinds, k);
        busyFs = new long[cores];
        bottleneck = new long[cores + 1];
        lastBusyFs = new long[cores];
    }

    /** An empty clock of the same shape, e.g. to add the clocks of several simulators into. */
    public ChipClock emptyCopy() {
        return new ChipClock(this);
    }

    private ChipClock(ChipClock shape) {
        this.costs = shape.costs;
        this.cores = shape.cores;
        this.layerOfCore = shape.layerOfCore;
        this.hopMaxFs = shape.hopMaxFs;
        this.hostHopMaxFs = shape.hostHopMaxFs;
        System.arraycopy(shape.syncFs, 0, syncFs, 0, 3);
        for (int b = 0; b < 3; b++) latency[b] = shape.latency[b];
        this.busyKinds = shape.busyKinds;
        busyFs = new long[cores];
        bottleneck = new long[cores + 1];
        lastBusyFs = new long[cores];
    }

    /**
     * A new run (sample) starts: overloads name steps from 0 again. Time keeps adding up until
     * {@link #clear()}.
     */
    public void startRun() {
        stepInRun = 0;
    }

    /**
     * Advances by one step whose events are {@code count[kind][column]}: columns 0 .. cores-1 are
     * the cores, column cores the host. The host (or the chip's input cores) sends its messages one
     * after the other and computes a first layer it holds, like a core: it is busy for their
     * latencies, and can be the bottleneck.
     */
    public void step(long[][] count) {
        long[] lv = latency[0], ll = latency[1], lh = latency[2];
        int out = EventKind.MESSAGE_OUT.ordinal(), mac = EventKind.HOST_MAC.ordinal();
        long maxV = count[mac][cores] * lv[mac],
                maxL = count[mac][cores] * ll[mac],
                maxH = count[mac][cores] * lh[mac];
        for (int k : busyKinds) {
            long n = count[k][cores];
            maxV += n * lv[k];
            maxL += n * ll[k];
            maxH += n * lh[k];
        }
        int busiest = cores; // the host's slot
        boolean hostSent = count[out][cores] > 0;
        long hopV = hostSent ? hostHopMaxFs[0] : 0,
                hopL = hostSent ? hostHopMaxFs[1] : 0,
                hopH = hostSent ? hostHopMaxFs[2] : 0;
        for (int c = 0; c < cores; c++) {
            long v = 0, l = 0, h = 0;
            for (int k : busyKinds) {
                long n = count[k][c];
                if (n == 0) continue;
                v += n * lv[k];
                l += n * ll[k];
                h += n * lh[k];
            }
            lastBusyFs[c] = v;
            busyFs[c] += v;
            if (v > maxV) {
                maxV = v;
                busiest = c;
            }
            maxL = Math.max(maxL, l);
            maxH = Math.max(maxH, h);
            if (count[out][c] > 0) {
                hopV = Math.max(hopV, hopMaxFs[0][c]);
                hopL = Math.max(hopL, hopMaxFs[1][c]);
                hopH = Math.max(hopH, hopMaxFs[2][c]);
            }
        }
        if (maxV > 0) bottleneck[busiest]++;
        if (costs.paced()) {
            for (Bound b : Bound.ALL) lastStepFs[b.ordinal()] = costs.stepPeriodFs(b);
            long period = lastStepFs[0];
            for (int c = 0; c < cores; c++) {
                if (lastBusyFs[c] <= period) continue;
                overloads++;
                if (examples.size() < EXAMPLES) {
                    examples.add(
                            new Overload(
                                    c,
                                    layerOfCore[c],
                                    stepInRun,
                                    ChipCosts.seconds(lastBusyFs[c]),
                                    ChipCosts.seconds(period)));
                }
            }
        } else {
            lastStepFs[0] = maxV + hopV + syncFs[0];
            lastStepFs[1] = maxL + hopL + syncFs[1];
            lastStepFs[2] = maxH + hopH + syncFs[2];
        }
        for (int b = 0; b < 3; b++) timeFs[b] += lastStepFs[b];
        minStepFs = Math.min(minStepFs, lastStepFs[0]);
        maxStepFs = Math.max(maxStepFs, lastStepFs[0]);
        steps++;
        stepInRun++;
    }

    /** Adds another clock's totals (same network) into this one. */
    public void add(ChipClock o) {
        add(o.totals());
    }

    /** A detached copy of what this clock has added up. */
    public Totals totals() {
        return new Totals(
                timeFs.clone(),
                steps,
                minStepFs,
                maxStepFs,
                busyFs.clone(),
                bottleneck.clone(),
                overloads,
                List.copyOf(examples));
    }

    /**
     * Adds totals of a clock of the same network (e.g. one that ran part of a dataset on another
     * machine).
     */
    public void add(Totals o) {
        if (o.busyFs().length != cores)
            throw new IllegalArgumentException(
                    "clock of " + o.busyFs().length + " cores added to a clock of " + cores);
        for (int b = 0; b < 3; b++) timeFs[b] += o.timeFs()[b];
        if (o.steps() > 0) {
            minStepFs = Math.min(minStepFs, o.minStepFs());
            maxStepFs = Math.max(maxStepFs, o.maxStepFs());
        }
        steps += o.steps();
        for (int c = 0; c < cores; c++) busyFs[c] += o.busyFs()[c];
        for (int c = 0; c <= cores; c++) bottleneck[c] += o.bottleneck()[c];
        overloads += o.overloads();
        for (Overload e : o.examples()) if (examples.size() < EXAMPLES) examples.add(e);
    }

    public void clear() {
        Arrays.fill(timeFs, 0);
        steps = 0;
        minStepFs = Long.MAX_VALUE;
        maxStepFs = 0;
        Arrays.fill(busyFs, 0);
        Arrays.fill(bottleneck, 0);
        overloads = 0;
        examples.clear();
        stepInRun = 0;
    }

    /** Chip time since the last clear, at a bound. */
    public long timeFs(Bound b) {
        return timeFs[b.ordinal()];
    }

    public long steps() {
        return steps;
    }

    /** The last step's length at a bound. */
    public long lastStepFs(Bound b) {
        return lastStepFs[b.ordinal()];
    }

    /** Core c's busy time in the last step (figures' values). */
    public long lastBusyFs(int c) {
        return lastBusyFs[c];
    }

    /**
     * What the clock has seen, for reports ({@code inferences}: the runs it covers, for
     * per-inference figures).
     */
    public TimingReport report(long inferences) {
        long[] busy = busyFs.clone();
        int worst = 0;
        for (int c = 1; c <= cores; c++) if (bottleneck[c] > bottleneck[worst]) worst = c;
        boolean any = bottleneck[worst] > 0;
        int core = !any ? TimingReport.NONE : worst == cores ? TimingReport.HOST : worst;
        return new TimingReport(
                costs.pacing(),
                steps,
                Math.max(1, inferences),
                new double[] {
                    ChipCosts.seconds(timeFs[0]),
                    ChipCosts.seconds(timeFs[1]),
                    ChipCosts.seconds(timeFs[2])
                },
                steps == 0 ? 0 : ChipCosts.seconds(minStepFs),
                ChipCosts.seconds(maxStepFs),
                Arrays.stream(busy).mapToDouble(ChipCosts::seconds).toArray(),
                core,
                core >= 0 ? layerOfCore[core] : -1,
                bottleneck[worst],
                overloads,
                List.copyOf(examples));
    }
}
