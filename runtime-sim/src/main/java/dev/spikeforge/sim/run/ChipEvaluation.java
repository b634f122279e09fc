package dev.spikeforge.sim.run;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.GradedEncoder;
import dev.spikeforge.data.RateEncoder;
import dev.spikeforge.data.SampleEncoder;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.sim.cost.TimingReport;
import dev.spikeforge.sim.energy.AnnComparison;
import dev.spikeforge.sim.energy.EnergyBreakdown;
import dev.spikeforge.sim.energy.EnergyReport;
import dev.spikeforge.sim.network.ActivityCounters;
import dev.spikeforge.sim.network.SimModel;

import java.util.function.IntConsumer;

/**
 * Accuracy and energy of a compiled network on a labelled image set, encoding each sample exactly as the trainer's
 * evaluation does (same encoder seed, sample index as key).
 */
public record ChipEvaluation(int samples, int correct, int[] predictions, ActivityCounters counters, TimingReport timing,
                             EnergyBreakdown energy) {

    public double accuracy() {
        return samples == 0 ? 0 : correct / (double) samples;
    }

    public EnergyReport energyPerInference() {
        return energy.perInference();
    }

    /**
     * How the network's samples become input events: Bernoulli spikes for RATE encoding, graded spikes (or the
     * host-side first layer's input) carrying the scaled pixel for DIRECT encoding compiled with graded or host input.
     */
    public static SampleEncoder encoderFor(CompiledNetwork net) {
        var in = net.getInput();
        float gain = in.getGain() == 0 ? 1f : in.getGain();
        InputPayload pay = net.getInputPayload();
        if (in.getEncoding() == Encoding.RATE) return new RateEncoder(in.getSteps(), gain, in.getEncodingSeed());
        if (in.getEncoding() == Encoding.DIRECT && pay.getMode() != InputMode.INPUT_SPIKES) {
            return new GradedEncoder(in.getSteps(), gain, pay.getScale(), (int) pay.getBits());
        }
        throw new IllegalArgumentException("network '" + net.getName() + "' uses " + in.getEncoding() + " input encoding with "
                + pay.getMode() + "; images run on the chip as RATE spikes, or DIRECT values compiled with --input-mode graded or host");
    }

    /** Runs every sample; {@code progress} (may be null) is called with the number of samples done. */
    public static ChipEvaluation run(CompiledNetwork net, LabeledImages data, IntConsumer progress) {
        return run(net, data, progress, 1);
    }

    /** The same on {@code threads} threads over the samples; the result does not depend on the thread count. */
    public static ChipEvaluation run(CompiledNetwork net, LabeledImages data, IntConsumer progress, int threads) {
        return run(net, data, progress, threads, AnnComparison.FP32_MAC_J);
    }

    /** With the fp32 MAC energy of the ANN comparison given. */
    public static ChipEvaluation run(CompiledNetwork net, LabeledImages data, IntConsumer progress, int threads, double annMacJ) {
        SimModel model = SimModel.of(net);
        SampleEncoder enc = encoderFor(net);
        if (data.features() != model.inputs()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.features()
                    + " features per sample but the network has " + model.inputs() + " inputs");
        }
        BatchRunner.Batch<Integer> b = BatchRunner.run(model, data.size(), threads, (sim, i) -> {
            float[] x = new float[data.features()];
            data.copyImage(i, x, 0);
            return SampleRunner.run(sim, enc.encode(i, x), enc.steps()).prediction();
        }, progress);
        int[] pred = new int[data.size()];
        int correct = 0;
        for (int i = 0; i < pred.length; i++) {
            pred[i] = b.results().get(i);
            if (pred[i] == data.label(i)) correct++;
        }
        ActivityCounters c = b.counters();
        TimingReport timing = b.clock().report(data.size());
        return new ChipEvaluation(data.size(), correct, pred, c, timing, EnergyBreakdown.of(model, c, timing, data.size(), annMacJ));
    }
}
