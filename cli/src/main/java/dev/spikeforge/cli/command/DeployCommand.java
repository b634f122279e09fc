package dev.spikeforge.cli.command;

import dev.spikeforge.cli.deploy.DeviceEvaluation;
import dev.spikeforge.cli.output.EnergySummary;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.LatencySummary;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.device.CostWire;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.HelloAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.runtime.sim.cost.ChipCosts;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.run.SampleResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "deploy",
        description =
                "Load a compiled network on a device, stream the test set (or a spike file) through"
                    + " it, and report accuracy, latency and energy. With no MODEL: a built-in"
                    + " network checked step by step against the simulator, as a smoke test of the"
                    + " device.")
public final class DeployCommand extends CommandBase {
    @Option(
            names = "--device",
            required = true,
            paramLabel = "HOST:PORT",
            description = "Device (or emulated chip) address.")
    String device;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MODEL",
            description =
                    "Compiled network (artifact or its JSON form); none: the built-in smoke test.")
    Path model;

    @Option(
            names = "--input",
            paramLabel = "SPIKES",
            description =
                    "Stream this spike file (CSV 'step,neuron' or JSON lines) instead of the test"
                            + " set.")
    Path input;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Steps to run with --input (default: the network's steps per sample).")
    Integer steps;

    @Mixin SpikeFileOptions spikeFile;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Use only the first N test samples.")
    int limit;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "20",
            description = "Samples of the smoke test (default: ${DEFAULT-VALUE}).")
    int samples;

    @Mixin DataOptions data;

    @Mixin DeviceConnectOptions connect;

    @Override
    protected int run(JsonLine result) throws Exception {
        HostPort hp = HostPort.parse(device, "--device");
        CompiledNetwork net =
                model == null
                        ? null
                        : (CompiledNetwork) ArtifactIo.load(model, ArtifactKind.COMPILED_NETWORK);
        if (net == null && input != null) throw new UsageError("--input needs a MODEL to feed");
        try (DeviceClient client =
                        DeviceClient.connect(
                                hp.host(), hp.port(), connect.clientOptions("spikeforge-deploy"));
                ClosedOnExit onExit = new ClosedOnExit(client)) {
            HelloAck hello = client.serverHello();
            say(
                    "device %s: %s, profile %s, protocol %d, session %s%s",
                    device,
                    hello.getServer(),
                    hello.getProfile(),
                    hello.getProtocolVersion(),
                    hello.getSessionId(),
                    connect.usesTls() ? ", TLS" : "");
            result.put("device", device)
                    .put("device_profile", hello.getProfile())
                    .put("session", hello.getSessionId());
            if (net == null) return smokeTest(client, result);
            if (input != null) return spikeFile(client, net, result);
            LabeledImages test = data.load(FashionMnist.Split.TEST, limit);
            DeviceEvaluation ev;
            try (var bar = Progress.bar("deploy", test.size())) {
                ev = DeviceEvaluation.run(client, net, test, bar::stepTo);
            }
            print(this::say, "device " + device, net, ev);
            result.put("mode", "dataset");
            put(result, ev);
        }
        return 0;
    }

    private int smokeTest(DeviceClient client, JsonLine result) {
        DeviceSmokeTest t = DeviceSmokeTest.run(client, samples, 1);
        CompiledNetwork net = t.network();
        say(
                "smoke test: built-in network '%s' (%d inputs, %d cores), %d samples × %d steps of"
                        + " %d input spikes",
                net.getName(),
                net.getInputSize(),
                net.getCoresCount(),
                t.samples(),
                DeviceSmokeTest.STEPS,
                DeviceSmokeTest.EVENTS_PER_STEP);
        say(
                "outputs %s the in-process simulator: %d of %d steps differ; predictions agree on"
                        + " %s of samples",
                t.bitExact() ? "match, bit for bit," : "DO NOT MATCH",
                t.mismatchedSteps(),
                t.steps(),
                Units.percent(t.agreement()));
        say("sample latency p50 %.2f ms p99 %.2f ms", t.p50SampleMs(), t.p99SampleMs());
        EnergyReport perInference = energy(t.telemetry(), net).perInference(t.samples());
        EnergySummary.print(
                this::say,
                "energy per inference",
                perInference,
                ChipCosts.of(net.getProfile()),
                net.getProfile().getName());
        double[] chip = CostWire.chipTime(t.telemetry().getCumulativeCosts());
        LatencySummary.printChipTime(this::say, chip, t.samples());
        result.put("mode", "smoke")
                .put("network", net.getName())
                .put("samples", t.samples())
                .put("steps", t.steps())
                .put("bit_exact", t.bitExact())
                .put("mismatched_steps", t.mismatchedSteps())
                .put("accuracy", t.agreement())
                .put("accuracy_reference", "in-process simulator")
                .put("p50_sample_ms", t.p50SampleMs())
                .put("p99_sample_ms", t.p99SampleMs())
                .put("energy_per_inference_j", perInference.totalJ())
                .put("energy_band_j", perInference.band())
                .put("energy", EnergySummary.breakdown(perInference))
                .put("device_energy_j", t.telemetry().getCumulativeEnergyJ());
        LatencySummary.putChipTime(result.fields(), chip, t.samples());
        return t.bitExact() ? 0 : 1;
    }

    private int spikeFile(DeviceClient client, CompiledNetwork net, JsonLine result) {
        int n = steps != null ? steps : Math.max(1, net.getInput().getSteps());
        // Read (and refused, with --strict) before the network is loaded on the device.
        SpikeTrain train =
                spikeFile
                        .read(
                                input,
                                net.getInputSize(),
                                SimModel.inputPayloadBits(net),
                                n,
                                this::say,
                                result)
                        .train();
        client.load(net);
        client.reset();
        long[] counts = new long[net.getLayers(net.getLayersCount() - 1).getSize()];
        double[] ms = new double[n];
        OutputStep last = null;
        long outSpikes = 0;
        // One step at a time, so each latency is a true round trip rather than a place in a
        // pipeline.
        for (int t = 0; t < n; t++) {
            int[] in = t < train.steps() ? train.spikesPerStep()[t] : new int[0];
            int[] payloads = t < train.steps() ? train.payloadsAt(t) : null;
            long t0 = System.nanoTime();
            last = client.step(t, in, payloads);
            ms[t] = (System.nanoTime() - t0) / 1e6;
            for (int k : last.getSpikesList()) counts[k]++;
            outSpikes += last.getSpikesCount();
        }
        int[] readout =
                last == null
                        ? new int[0]
                        : last.getReadoutList().stream().mapToInt(Integer::intValue).toArray();
        long[] scores =
                readout.length > 0 ? Arrays.stream(readout).asLongStream().toArray() : counts;
        int prediction = SampleResult.argmax(scores);
        Telemetry tel = client.telemetry();
        EnergyReport e = energy(tel, net);
        Arrays.sort(ms);
        say(
                "%s on the device: %d steps, %d input spikes, %d output spikes, predicted class %d",
                net.getName(), n, train.totalSpikes(), outSpikes, prediction);
        if (readout.length > 0)
            say("readout potentials after the last step: %s", Arrays.toString(readout));
        say(
                "step round trip p50 %.3f ms p99 %.3f ms",
                DeviceSmokeTest.percentile(ms, 0.5), DeviceSmokeTest.percentile(ms, 0.99));
        EnergySummary.print(
                this::say, "energy", e, ChipCosts.of(net.getProfile()), net.getProfile().getName());
        double[] chip = CostWire.chipTime(tel.getCumulativeCosts());
        LatencySummary.printChipTime(this::say, chip, 1);
        result.put("mode", "spike-file")
                .put("network", net.getName())
                .put("steps", n)
                .put("input_spikes", train.totalSpikes())
                .put("output_spikes", outSpikes)
                .put("output_spike_counts", counts)
                .put("prediction", prediction)
                .put("p50_step_ms", DeviceSmokeTest.percentile(ms, 0.5))
                .put("p99_step_ms", DeviceSmokeTest.percentile(ms, 0.99))
                .put("energy_j", e.totalJ())
                .put("energy_band_j", e.band())
                .put("energy", EnergySummary.breakdown(e))
                .put("device_energy_j", tel.getEnergyJ());
        LatencySummary.putChipTime(result.fields(), chip, 1);
        if (readout.length > 0) result.put("readout", readout);
        return 0;
    }

    /**
     * Closes the client when the process is told to stop (SIGTERM, Ctrl-C), so the device gets
     * Close and frees the chip at once instead of keeping the session for its resume timeout.
     * Unregistered when the command ends.
     */
    private static final class ClosedOnExit implements AutoCloseable {
        private final Thread hook;

        ClosedOnExit(DeviceClient client) {
            hook = new Thread(client::close, "spikeforge-deploy-close");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to undo
            }
        }
    }

    /**
     * Energy of everything since the network was loaded: the device's event counts priced with the
     * network profile's figures (the device's own total is reported next to it), static energy as
     * the device reported it.
     */
    private static EnergyReport energy(Telemetry t, CompiledNetwork net) {
        return CostWire.report(t.getCumulativeCosts(), ChipCosts.of(net.getProfile()));
    }

    static void print(
            java.util.function.Consumer<String> say,
            String where,
            CompiledNetwork net,
            DeviceEvaluation ev) {
        say.accept(
                String.format(
                        Locale.ROOT,
                        "%s: accuracy %s on %d samples, %.1f spikes per inference, sample latency"
                                + " p50 %.2f ms p99 %.2f ms (%.1f samples/s)",
                        where,
                        Units.percent(ev.accuracy()),
                        ev.samples(),
                        ev.spikesPerInference(),
                        ev.p50SampleMs(),
                        ev.p99SampleMs(),
                        ev.samples() / Math.max(1e-9, ev.seconds())));
        EnergySummary.print(
                say,
                "energy per inference",
                ev.energyPerInference(),
                ChipCosts.of(net.getProfile()),
                net.getProfile().getName());
        LatencySummary.printChipTime(say, ev.chipSeconds(), ev.samples());
    }

    static void put(JsonLine result, DeviceEvaluation ev) {
        result.put("accuracy", ev.accuracy())
                .put("samples", ev.samples())
                .put("spikes_per_inference", ev.spikesPerInference())
                .put(
                        "synaptic_ops_per_inference",
                        ev.cumulative().getSynapticOps() / (double) Math.max(1, ev.samples()))
                .put("energy_per_inference_j", ev.energyPerInference().totalJ())
                .put("energy_band_j", ev.energyPerInference().band())
                .put("energy", EnergySummary.breakdown(ev.energyPerInference()))
                .put("device_energy_j", ev.energyJ())
                .put("p50_sample_ms", ev.p50SampleMs())
                .put("p99_sample_ms", ev.p99SampleMs());
        LatencySummary.putChipTime(result.fields(), ev.chipSeconds(), ev.samples());
    }
}
