package dev.spikeforge.cli.deploy;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.SampleEncoder;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.DeviceSampleRunner;
import dev.spikeforge.device.bridge.device.CostWire;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Counters;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Accuracy, latency and energy of a network deployed on a device: every sample is encoded as the
 * trainer's evaluation encodes it, streamed step by step, and classified from the device's outputs;
 * energy and chip time come from the device's cumulative telemetry (its event counts priced with
 * the network profile's figures).
 */
public record DeviceEvaluation(
        int samples,
        int correct,
        int[] predictions,
        Counters cumulative,
        double energyJ,
        EnergyReport breakdown,
        double[] chipSeconds,
        double p50SampleMs,
        double p99SampleMs,
        double seconds) {

    public double accuracy() {
        return samples == 0 ? 0 : correct / (double) samples;
    }

    public EnergyReport energyPerInference() {
        return breakdown.perInference(samples);
    }

    public double spikesPerInference() {
        return cumulative.getSpikes() / (double) Math.max(1, samples);
    }

    /** Loads {@code net} on the device and runs every sample of {@code data}. */
    public static DeviceEvaluation run(
            DeviceClient device, CompiledNetwork net, LabeledImages data, IntConsumer progress) {
        device.load(net);
        SampleEncoder enc = ChipEvaluation.encoderFor(net);
        DeviceSampleRunner runner = new DeviceSampleRunner(device);
        float[] x = new float[data.features()];
        int[] pred = new int[data.size()];
        double[] ms = new double[data.size()];
        int correct = 0;
        long start = System.nanoTime();
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, x, 0);
            long t0 = System.nanoTime();
            pred[i] = runner.run(enc.encode(i, x), enc.steps()).prediction();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (pred[i] == data.label(i)) correct++;
            if (progress != null) progress.accept(i + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Telemetry t = device.telemetry();
        Counters c = t.getCumulative();
        EnergyReport energy =
                CostWire.report(t.getCumulativeCosts(), ChipCosts.of(net.getProfile()));
        Arrays.sort(ms);
        return new DeviceEvaluation(
                data.size(),
                correct,
                pred,
                c,
                t.getCumulativeEnergyJ(),
                energy,
                CostWire.chipTime(t.getCumulativeCosts()),
                percentile(ms, 0.5),
                percentile(ms, 0.99),
                seconds);
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }
}
