package dev.spikeforge.runtime.sim.run;

import dev.spikeforge.data.GradedEncoder;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.data.SampleEncoder;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.cost.TimingReport;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.ActivityCounters;
import dev.spikeforge.runtime.sim.engine.SimModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Accuracy and energy of a compiled network on a labelled image set, encoding each sample exactly
 * as the trainer's evaluation does (same encoder seed, sample index as key).
 */
public record ChipEvaluation(
        int samples,
        int correct,
        int[] predictions,
        ActivityCounters counters,
        TimingReport timing,
        EnergyBreakdown energy) {

    public double accuracy() {
        return samples == 0 ? 0 : correct / (double) samples;
    }

    public EnergyReport energyPerInference() {
        return energy.perInference();
    }

    /**
     * How the network's samples become input events: Bernoulli spikes for RATE encoding, graded
     * spikes (or the host-side first layer's input) carrying the scaled pixel for DIRECT encoding
     * compiled with graded or host input.
     */
    public static SampleEncoder encoderFor(CompiledNetwork net) {
        var in = net.getInput();
        float gain = in.getGain() == 0 ? 1f : in.getGain();
        InputPayload pay = net.getInputPayload();
        if (in.getEncoding() == Encoding.RATE)
            return new RateEncoder(in.getSteps(), gain, in.getEncodingSeed());
        if (in.getEncoding() == Encoding.DIRECT && pay.getMode() != InputMode.INPUT_SPIKES) {
            return new GradedEncoder(in.getSteps(), gain, pay.getScale(), (int) pay.getBits());
        }
        throw new IllegalArgumentException(
                "network '"
                        + net.getName()
                        + "' uses "
                        + in.getEncoding()
                        + " input encoding with "
                        + pay.getMode()
                        + "; images run on the chip as RATE spikes, or DIRECT values compiled with"
                        + " --input-mode graded or host");
    }

    /**
     * Runs every sample; {@code progress} (may be null) is called with the number of samples done.
     */
    public static ChipEvaluation run(
            CompiledNetwork net, LabeledImages data, IntConsumer progress) {
        return run(net, data, progress, 1);
    }

    /**
     * The same on {@code threads} threads over the samples; the result does not depend on the
     * thread count.
     */
    public static ChipEvaluation run(
            CompiledNetwork net, LabeledImages data, IntConsumer progress, int threads) {
        return run(net, data, progress, threads, AnnComparison.FP32_MAC_J);
    }

    /** With the fp32 MAC energy of the ANN comparison given. */
    public static ChipEvaluation run(
            CompiledNetwork net,
            LabeledImages data,
            IntConsumer progress,
            int threads,
            double annMacJ) {
        SimModel model = SimModel.of(net);
        return combine(
                model,
                data,
                List.of(runPart(model, encoderFor(net), data, 0, data.size(), progress, threads)),
                annMacJ);
    }

    /**
     * The outcome of samples [from, from + predictions.length) of a dataset: what a machine that
     * ran only that part sends back. Counters and clock totals are integer sums, so parts combine
     * to exactly the whole run's figures.
     */
    public record Part(
            int from, int[] predictions, ActivityCounters counters, ChipClock.Totals clock)
            implements Serializable {}

    /**
     * Runs samples [from, to) on {@code threads} threads; each sample is encoded with its index in
     * the whole set as key, as in a run of the whole set. {@code progress} (may be null) gets the
     * number of this part's samples done.
     */
    public static Part runPart(
            CompiledNetwork net,
            LabeledImages data,
            int from,
            int to,
            IntConsumer progress,
            int threads) {
        return runPart(SimModel.of(net), encoderFor(net), data, from, to, progress, threads);
    }

    /**
     * Refuses, with the same IllegalArgumentException a run would throw, a network the simulator or
     * its input encoding cannot run or whose inputs do not match the data: before parts of the run
     * are sent to other machines.
     */
    public static void check(CompiledNetwork net, LabeledImages data) {
        checkInputs(SimModel.of(net), encoderFor(net), data);
    }

    private static void checkInputs(SimModel model, SampleEncoder enc, LabeledImages data) {
        if (data.features() != model.inputs()) {
            throw new IllegalArgumentException(
                    "dataset "
                            + data.name()
                            + " has "
                            + data.features()
                            + " features per sample but the network has "
                            + model.inputs()
                            + " inputs");
        }
    }

    private static Part runPart(
            SimModel model,
            SampleEncoder enc,
            LabeledImages data,
            int from,
            int to,
            IntConsumer progress,
            int threads) {
        if (from < 0 || to > data.size() || from > to) {
            throw new IllegalArgumentException(
                    "samples ["
                            + from
                            + ", "
                            + to
                            + ") outside the "
                            + data.size()
                            + " of "
                            + data.name());
        }
        checkInputs(model, enc, data);
        BatchRunner.Batch<Integer> b =
                BatchRunner.run(
                        model,
                        to - from,
                        threads,
                        (sim, k) -> {
                            float[] x = new float[data.features()];
                            data.copyImage(from + k, x, 0);
                            return SampleRunner.run(sim, enc.encode(from + k, x), enc.steps())
                                    .prediction();
                        },
                        progress);
        int[] pred = new int[to - from];
        for (int k = 0; k < pred.length; k++) pred[k] = b.results().get(k);
        return new Part(from, pred, b.counters(), b.clock().totals());
    }

    /** The whole set's evaluation from parts that cover it exactly once (in any order). */
    public static ChipEvaluation combine(
            CompiledNetwork net, LabeledImages data, List<Part> parts, double annMacJ) {
        return combine(SimModel.of(net), data, parts, annMacJ);
    }

    private static ChipEvaluation combine(
            SimModel model, LabeledImages data, List<Part> parts, double annMacJ) {
        int[] pred = new int[data.size()];
        boolean[] seen = new boolean[data.size()];
        ActivityCounters c = ActivityCounters.empty(model.cores(), model.layerCount());
        ChipClock clock = model.newClock();
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort(
                Comparator.comparingInt(
                        Part::from)); // the clock keeps its first overload examples: take them
        // in sample order
        for (Part p : ordered) {
            for (int k = 0; k < p.predictions().length; k++) {
                int i = p.from() + k;
                if (seen[i]) throw new IllegalArgumentException("sample " + i + " is in two parts");
                seen[i] = true;
                pred[i] = p.predictions()[k];
            }
            c.add(p.counters());
            clock.add(p.clock());
        }
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            if (!seen[i]) throw new IllegalArgumentException("sample " + i + " is in no part");
            if (pred[i] == data.label(i)) correct++;
        }
        TimingReport timing = clock.report(data.size());
        return new ChipEvaluation(
                data.size(),
                correct,
                pred,
                c,
                timing,
                EnergyBreakdown.of(model, c, timing, data.size(), annMacJ));
    }
}
