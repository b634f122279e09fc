package dev.spikeforge.cli.command;

import com.google.protobuf.Message;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "inspect",
        description =
                "Summarize an artifact; --json prints it in protobuf's JSON form, --out writes that"
                        + " form to a file.")
public final class InspectCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "A trained or compiled network (artifact file or its JSON form).")
    Path file;

    @Option(
            names = "--out",
            paramLabel = "FILE.json",
            description = "Write the artifact's JSON form (pretty-printed) here.")
    Path out;

    @Override
    protected int run(JsonLine result) throws Exception {
        Message m = ArtifactIo.load(file, null);
        ArtifactKind kind = ArtifactKind.of(m);
        say("%s: %s", file, kind.description());
        if (m instanceof TrainedNetwork t) describe(t);
        if (m instanceof CompiledNetwork c) describe(c);
        String json = JsonForm.toJson(m);
        if (out != null) {
            ArtifactFiles.writeAtomically(out, (json + "\n").getBytes(StandardCharsets.UTF_8));
            say("JSON form written to %s", out);
        }
        result.put("kind", kind.name().toLowerCase()).putJson("artifact", json);
        return 0;
    }

    private void describe(TrainedNetwork t) {
        say(
                "  name %s, input %s, %s encoding, %d steps",
                t.getName(),
                t.getInput().getShapeList(),
                t.getInput().getEncoding(),
                t.getInput().getSteps());
        for (TrainedLayer l : t.getLayersList()) {
            say(
                    "  layer %-10s %-12s %5d neurons  weights %s  du %.4f dv %.4f threshold %.3f",
                    l.getName(),
                    l.getKind(),
                    l.getSize(),
                    l.getWeights().getShapeList(),
                    l.getNeuron().getDu(),
                    l.getNeuron().getDv(),
                    l.getNeuron().getThreshold());
        }
        var p = t.getProvenance();
        say(
                "  trained on %s (%d samples), seed %d, surrogate %s; metrics %s",
                p.getDataset(),
                p.getTrainSamples(),
                p.getSeed(),
                p.getSurrogate().getShape(),
                p.getMetricsMap());
    }

    private void describe(CompiledNetwork c) {
        say(
                "  name %s, target %s, %d inputs, %d cores",
                c.getName(), c.getProfile().getName(), c.getInputSize(), c.getCoresCount());
        for (CompiledLayer l : c.getLayersList()) {
            say(
                    "  layer %-10s %5d neurons  fan-in %5d  %d-bit weights, exp %d  du %d dv %d vth"
                            + " %d%s",
                    l.getName(),
                    l.getSize(),
                    l.getFanIn(),
                    l.getWeightBits(),
                    l.getWeightExp(),
                    l.getNeuron().getDu(),
                    l.getNeuron().getDv(),
                    l.getNeuron().getVthMant(),
                    l.getNeuron().getReadout() ? "  (readout)" : "");
        }
    }
}
