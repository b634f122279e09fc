package dev.spikeforge.cli.command;

import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.BuiltinNetworks;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.client.DeviceSampleRunner;
import dev.spikeforge.device.bridge.device.AdapterDevice;
import dev.spikeforge.device.bridge.device.CounterTotals;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import dev.spikeforge.runtime.sim.run.SampleResult;
import dev.spikeforge.runtime.sim.run.SampleRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code deploy} with no MODEL: loads a small built-in network on the device, streams seeded random
 * samples, and checks every step's output (spikes, readout potentials, counters) against the
 * in-process simulator. A device that passes computes bit for bit what Spikeforge's chip semantics
 * say.
 */
record DeviceSmokeTest(
        CompiledNetwork network,
        int samples,
        int agreeing,
        long steps,
        long mismatchedSteps,
        double p50SampleMs,
        double p99SampleMs,
        Telemetry telemetry) {

    static final int STEPS = 30;
    static final int EVENTS_PER_STEP = 6;

    boolean bitExact() {
        return mismatchedSteps == 0;
    }

    double agreement() {
        return samples == 0 ? 0 : agreeing / (double) samples;
    }

    /**
     * The profile the built-in network claims: the device's own, so a chip of one profile accepts
     * it.
     */
    static ChipProfile profileFor(String deviceProfile) {
        if (deviceProfile.isEmpty() || deviceProfile.equals(AdapterDevice.ANY_PROFILE))
            return BuiltinNetworks.anyProfile("builtin");
        try {
            return ChipProfiles.load(deviceProfile);
        } catch (RuntimeException e) {
            // A profile this host does not ship: a stand-in of that name; the device prices energy
            // with its own figures.
            return BuiltinNetworks.anyProfile(deviceProfile);
        }
    }

    static DeviceSmokeTest run(DeviceClient device, int samples, long seed) {
        CompiledNetwork net =
                BuiltinNetworks.smokeTest(profileFor(device.serverHello().getProfile()));
        device.load(net);
        DeviceSampleRunner runner = new DeviceSampleRunner(device);
        Simulator predictions = new Simulator(net);
        Simulator steps = new Simulator(net);
        Random r = new Random(seed);
        double[] ms = new double[samples];
        int agreeing = 0;
        long mismatched = 0;
        for (int i = 0; i < samples; i++) {
            int[][] perStep = new int[STEPS][];
            for (int t = 0; t < STEPS; t++)
                perStep[t] = BuiltinNetworks.randomAxons(r, net.getInputSize(), EVENTS_PER_STEP);
            SpikeTrain train = new SpikeTrain(net.getInputSize(), perStep);
            List<OutputStep> outs = new ArrayList<>(STEPS);
            long t0 = System.nanoTime();
            SampleResult got = runner.run(train, STEPS, outs::add);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (got.prediction() == SampleRunner.run(predictions, train, STEPS).prediction())
                agreeing++;
            steps.reset();
            for (int t = 0; t < STEPS; t++) {
                CounterTotals before = CounterTotals.of(steps.counters());
                StepOutput want = steps.step(perStep[t], perStep[t].length);
                if (!same(want, CounterTotals.of(steps.counters()).minus(before), outs.get(t)))
                    mismatched++;
            }
        }
        Arrays.sort(ms);
        return new DeviceSmokeTest(
                net,
                samples,
                agreeing,
                (long) samples * STEPS,
                mismatched,
                percentile(ms, 0.5),
                percentile(ms, 0.99),
                device.telemetry());
    }

    private static boolean same(StepOutput want, CounterTotals counters, OutputStep got) {
        int[] spikes = got.getSpikesList().stream().mapToInt(Integer::intValue).toArray();
        int[] readout = got.getReadoutList().stream().mapToInt(Integer::intValue).toArray();
        return got.getStep() == want.step()
                && Arrays.equals(spikes, want.spikesCopy())
                && Arrays.equals(readout, want.hasReadout() ? want.readout() : new int[0])
                && counters.equals(CounterTotals.of(got.getCounters()));
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[
                Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }
}
