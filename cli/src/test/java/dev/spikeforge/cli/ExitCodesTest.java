package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.ExitCodes;
import dev.spikeforge.proto.*;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes and the JSON error line, and that hostile input gets a message naming its file and
 * problem.
 */
class ExitCodesTest {
    @TempDir Path dir;

    private Path oneNeuron() throws IOException {
        Path f = dir.resolve("one.json");
        Files.writeString(f, Docs.compiledExample(0));
        return f;
    }

    private Path spikes() throws IOException {
        Path f = dir.resolve("in.csv");
        Files.writeString(f, "0,0\n1,0\n2,0\n");
        return f;
    }

    /**
     * Runs with --json; checks the exit code, that no stack trace was printed, and returns the run.
     */
    private static CliRunner run(int code, String... args) {
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        CliRunner r = CliRunner.run(withJson);
        assertEquals(code, r.exitCode(), r.err() + r.out());
        assertFalse(
                r.err().contains("\tat ") || r.err().contains("Exception:"),
                "no stack trace: " + r.err());
        return r;
    }

    private static void error(CliRunner r, String expected) {
        assertTrue(r.err().contains(": error: ") && r.err().contains(expected), r.err());
        assertEquals("error", r.json().get("kind").getAsString(), r.out());
        assertTrue(r.json().get("error").getAsString().contains(expected), r.out());
    }

    @Test
    void zeroOneTwoAndSixtyFour() throws IOException {
        run(
                ExitCodes.OK,
                "convert",
                oneNeuron().toString(),
                "--out",
                dir.resolve("one.sfc").toString());
        error(
                run(ExitCodes.ERROR, "inspect", dir.toString()),
                dir + ": is a directory, not a file.");

        Path wide = dir.resolve("wide.sft");
        Tensor.Builder w = Tensor.newBuilder().addShape(2).addShape(20);
        for (int i = 0; i < 40; i++) w.addValues(0.1f);
        ArtifactFiles.write(
                wide,
                TrainedNetwork.newBuilder()
                        .setName("wide")
                        .setInput(
                                InputSpec.newBuilder()
                                        .addShape(20)
                                        .setEncoding(Encoding.RATE)
                                        .setSteps(5)
                                        .setGain(1))
                        .addLayers(
                                TrainedLayer.newBuilder()
                                        .setName("h")
                                        .setKind(LayerKind.DENSE_LIF)
                                        .setSize(2)
                                        .setWeights(w)
                                        .setNeuron(
                                                FloatLifParams.newBuilder()
                                                        .setDu(1)
                                                        .setDv(0.1f)
                                                        .setThreshold(1)))
                        .build());
        CliRunner fit = run(ExitCodes.DOES_NOT_FIT, "check", wide.toString(), "--target", "xylo");
        assertFalse(fit.json().get("fits").getAsBoolean());

        CliRunner typo = run(ExitCodes.USAGE, "simulate", oneNeuron().toString(), "--stpes", "3");
        assertTrue(
                typo.err().contains("usage error: Unknown options: '--stpes'")
                        && typo.err().contains("did you mean --steps"),
                typo.err());
        assertEquals("usage", typo.json().get("kind").getAsString());
        assertTrue(typo.json().get("error").getAsString().contains("--stpes"));
        assertEquals(
                ExitCodes.USAGE, CliRunner.run("simulat").exitCode(), "an unknown command too");
    }

    @Test
    void convertNeverWritesAnArtifactFromInvalidJson() throws IOException {
        Path out = dir.resolve("out.sfc");
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{}");
        error(
                run(ExitCodes.ERROR, "convert", in.toString(), "--out", out.toString()),
                in + ": trained network '' is invalid: 1 problem");
        Files.writeString(
                in, Docs.compiledExample(0).replace("\"weights\": [10]", "\"weights\": []"));
        error(
                run(ExitCodes.ERROR, "convert", in.toString(), "--out", out.toString()),
                "layer 0 'n' weights has 0 entries, expected 1");
        CompiledNetwork noLayers =
                (CompiledNetwork)
                        dev.spikeforge.proto.artifact.ArtifactReader.read(oneNeuron(), null);
        Files.writeString(
                in,
                dev.spikeforge.proto.artifact.JsonForm.toJson(
                        noLayers.toBuilder().clearLayers().clearCores().build()));
        error(
                run(ExitCodes.ERROR, "convert", in.toString(), "--out", out.toString()),
                "layers: there are none");
        assertFalse(Files.exists(out), "nothing written");
        error(
                run(
                        ExitCodes.ERROR,
                        "convert",
                        dir.resolve("missing.json").toString(),
                        "--out",
                        out.toString()),
                dir.resolve("missing.json") + ": no such file.");
    }

    @Test
    void simulateRefusesWhatConvertRefuses() throws IOException {
        Path net = oneNeuron();
        Files.writeString(net, Files.readString(net) + "\n} trailing garbage");
        error(
                run(ExitCodes.ERROR, "simulate", net.toString(), "--input", spikes().toString()),
                "unexpected content after the JSON object");
        Files.writeString(
                net, Docs.compiledExample(0).replace("\"vth_mant\": 25", "\"vth_mant\": 33554432"));
        error(
                run(ExitCodes.ERROR, "simulate", net.toString(), "--input", spikes().toString()),
                "neuron.vth_mant is 33554432, outside 1..131071");
        Files.writeString(
                net, Docs.compiledExample(0).replace("\"size\": 1", "\"size\": 4294967295"));
        error(
                run(ExitCodes.ERROR, "simulate", net.toString(), "--input", spikes().toString()),
                "size is 4294967295, outside 1..1073741824");
    }

    @Test
    void filesThatAreNotArtifactsSayWhatTheyAre() throws IOException {
        Path ck = dir.resolve("checkpoint.sfck");
        Files.write(
                ck, "SFCK\1\0\0\0........".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        error(
                run(ExitCodes.ERROR, "simulate", ck.toString(), "--input", spikes().toString()),
                "is a training checkpoint (SFCK)");
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero));
        error(
                run(ExitCodes.ERROR, "inspect", zero.toString()),
                "/dev/zero: not a Spikeforge artifact");
    }

    @Test
    void tooManyThreadsAreCutToTheCoresAndSaidSo() throws IOException {
        CliRunner r =
                run(
                        ExitCodes.OK,
                        "simulate",
                        oneNeuron().toString(),
                        "--input",
                        spikes().toString(),
                        "--threads",
                        "100000");
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(
                r.out()
                        .contains(
                                "--threads 100000: using "
                                        + cores
                                        + ", the cores this machine has"),
                r.out());
        assertEquals(cores, r.json().get("threads").getAsInt());
    }

    @Test
    void aHugeProbeRangeGivesAShortMessage() throws IOException {
        CliRunner r =
                run(
                        ExitCodes.ERROR,
                        "simulate",
                        oneNeuron().toString(),
                        "--input",
                        spikes().toString(),
                        "--record",
                        "voltage",
                        "--probe",
                        "n:0-99999");
        String line = r.err().lines().findFirst().orElseThrow();
        assertTrue(
                line.length() < 300
                        && line.contains("n:0-99999")
                        && line.contains("neuron 1 is not in layer 'n' (0..0)"),
                line);
    }

    @Test
    void serveNamesThePortItCannotHave() throws IOException {
        try (ServerSocket taken =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            error(
                    run(ExitCodes.ERROR, "serve", "--port", Integer.toString(port)),
                    "cannot listen on 127.0.0.1:" + port + ": port " + port + " is already in use");
        }
    }
}
