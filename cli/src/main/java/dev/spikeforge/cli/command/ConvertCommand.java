package dev.spikeforge.cli.command;

import com.google.protobuf.Message;
import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.ArtifactReader;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "convert",
        description =
                "Convert an artifact to its JSON form, or JSON back to an artifact file (direction"
                        + " from the input's content).")
public final class ConvertCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "IN")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT")
    Path out;

    @Option(
            names = "--kind",
            paramLabel = "trained|compiled",
            description = "Kind of a JSON input (guessed from its fields when absent).")
    String kind;

    @Override
    protected int run(JsonLine result) throws Exception {
        ArtifactKind k =
                kind == null
                        ? null
                        : switch (kind) {
                            case "trained" -> ArtifactKind.TRAINED_NETWORK;
                            case "compiled" -> ArtifactKind.COMPILED_NETWORK;
                            default ->
                                    throw new UsageError(
                                            "--kind must be 'trained' or 'compiled', got '"
                                                    + kind
                                                    + "'");
                        };
        // Read and validated whole before anything is written: an invalid input never becomes an
        // output file.
        ArtifactReader.Loaded loaded = ArtifactReader.load(in, k);
        boolean fromJson = loaded.json();
        Message m = loaded.message();
        if (fromJson) {
            ArtifactFiles.write(out, m);
            say("%s (JSON) -> %s (%s artifact)", in, out, ArtifactKind.of(m).description());
        } else {
            ArtifactFiles.writeAtomically(
                    out, (JsonForm.toJson(m) + "\n").getBytes(StandardCharsets.UTF_8));
            say("%s (%s artifact) -> %s (JSON)", in, ArtifactKind.of(m).description(), out);
        }
        result.put("input", in.toString())
                .put("output", out.toString())
                .put("kind", ArtifactKind.of(m).name().toLowerCase())
                .put("to", fromJson ? "artifact" : "json");
        return 0;
    }
}
