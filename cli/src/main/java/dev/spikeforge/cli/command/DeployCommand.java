package dev.spikeforge.cli.command;

import dev.spikeforge.artifact.ArtifactKind;
import dev.spikeforge.bridge.client.DeviceClient;
import dev.spikeforge.cli.deploy.DeviceEvaluation;
import dev.spikeforge.cli.output.EnergySummary;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Progress;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "deploy", description = "Load a compiled network on a device, stream the test set through it, and report accuracy, latency and energy.")
public final class DeployCommand extends CommandBase {
    @Option(names = "--device", required = true, paramLabel = "HOST:PORT", description = "Device (or emulated chip) address.")
    String device;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Compiled network (artifact or its JSON form).")
    Path model;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N test samples.")
    int limit;

    @Mixin
    DataOptions data;

    @Override
    protected int run(JsonLine result) throws Exception {
        CompiledNetwork net = (CompiledNetwork) ArtifactIo.load(model, ArtifactKind.COMPILED_NETWORK);
        LabeledImages test = data.load(FashionMnist.Split.TEST, limit);
        HostPort hp = HostPort.parse(device, "--device");
        DeviceEvaluation ev;
        try (DeviceClient client = DeviceClient.connect(hp.host(), hp.port());
             var bar = Progress.bar("deploy", test.size())) {
            ev = DeviceEvaluation.run(client, net, test, bar::stepTo);
        }
        print(this::say, "device " + device, net, ev);
        put(result, ev);
        return 0;
    }

    static void print(java.util.function.Consumer<String> say, String where, CompiledNetwork net, DeviceEvaluation ev) {
        say.accept(String.format("%s: accuracy %s on %d samples, %.1f spikes per inference, sample latency p50 %.2f ms p99 %.2f ms (%.1f samples/s)",
                where, Units.percent(ev.accuracy()), ev.samples(), ev.spikesPerInference(), ev.p50SampleMs(), ev.p99SampleMs(),
                ev.samples() / Math.max(1e-9, ev.seconds())));
        EnergySummary.print(say, "energy per inference", ev.energyPerInference(), net.getProfile());
    }

    static void put(JsonLine result, DeviceEvaluation ev) {
        result.put("accuracy", ev.accuracy()).put("samples", ev.samples())
                .put("spikes_per_inference", ev.spikesPerInference())
                .put("synaptic_ops_per_inference", ev.cumulative().getSynapticOps() / (double) Math.max(1, ev.samples()))
                .put("energy_per_inference_j", ev.energyPerInference().totalJ())
                .put("energy", EnergySummary.breakdown(ev.energyPerInference()))
                .put("device_energy_j", ev.energyJ())
                .put("p50_sample_ms", ev.p50SampleMs()).put("p99_sample_ms", ev.p99SampleMs());
    }
}
