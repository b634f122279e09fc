package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.spikeforge.cli.command.ExitCodes;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.proto.*;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactReader;
import dev.spikeforge.proto.artifact.JsonForm;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of valid compiled and trained networks (JSON and artifact files) and of spike
 * files, through convert, inspect and simulate. Every run either succeeds with the results a valid
 * reading gives (a simulation equal to {@link LongReference}'s, a conversion that reads back the
 * same) or fails with exit code 1, a message naming the file, and no stack trace or internal error.
 * Seeded: a failure names the seed and the mutation.
 */
class HostileInputFuzzTest {
    private static final int STEPS = 12;
    @TempDir Path dir;
    private static final long SEED = Long.getLong("fuzz.seed", 19);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 200);
    private final Random r = new Random(SEED);
    private int runs, accepted, simulated;

    private static final Object[] INTERESTING = {
        0,
        -1,
        1,
        2,
        7,
        8,
        15,
        16,
        23,
        24,
        127,
        128,
        4095,
        4096,
        131071,
        131072,
        33554432,
        Integer.MAX_VALUE,
        2147483648L,
        4294967295L,
        4294967296L,
        4000000000L,
        Integer.MIN_VALUE,
        -100,
        100,
        1L << 53,
        0.5,
        -0.5,
        1e300,
        -1e300,
        "NaN",
        "Infinity",
        "-Infinity",
        "99999999999999999999999"
    };

    private static TrainedNetwork trained() {
        Random r = new Random(3);
        int in = 6, hidden = 5, out = 3;
        Tensor.Builder w1 = Tensor.newBuilder().addShape(hidden).addShape(in);
        for (int i = 0; i < hidden * in; i++) w1.addValues((float) (r.nextGaussian() * 0.6 + 0.2));
        Tensor.Builder w2 = Tensor.newBuilder().addShape(out).addShape(hidden);
        for (int i = 0; i < out * hidden; i++) w2.addValues((float) (r.nextGaussian() * 0.5));
        return TrainedNetwork.newBuilder()
                .setName("fuzz")
                .setInput(
                        InputSpec.newBuilder()
                                .addShape(in)
                                .setEncoding(Encoding.RATE)
                                .setSteps(STEPS)
                                .setGain(1f)
                                .setEncodingSeed(5))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("hidden")
                                .setKind(LayerKind.DENSE_LIF)
                                .setSize(hidden)
                                .setWeights(w1)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(0.5f)
                                                .setDv(0.2f)
                                                .setThreshold(0.8f)))
                .addLayers(
                        TrainedLayer.newBuilder()
                                .setName("readout")
                                .setKind(LayerKind.READOUT)
                                .setSize(out)
                                .setWeights(w2)
                                .setNeuron(
                                        FloatLifParams.newBuilder()
                                                .setDu(1f)
                                                .setDv(0f)
                                                .setThreshold(1f)))
                .build();
    }

    private List<String> compiledSeeds() throws IOException {
        CompiledNetwork mlp =
                Compiler.compile(trained(), ChipProfiles.load("loihi1"), CompileOptions.defaults());
        return List.of(Docs.compiledExample(0), Docs.compiledExample(1), JsonForm.toJson(mlp));
    }

    // ---- mutations

    private static void leaves(
            JsonElement e,
            List<Consumer<JsonElement>> setters,
            List<JsonObject> objects,
            List<JsonArray> arrays) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            objects.add(o);
            for (String k : List.copyOf(o.keySet())) {
                JsonElement c = o.get(k);
                if (c.isJsonPrimitive()) setters.add(v -> o.add(k, v));
                else leaves(c, setters, objects, arrays);
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            arrays.add(a);
            for (int i = 0; i < a.size(); i++) {
                int k = i;
                if (a.get(i).isJsonPrimitive()) setters.add(v -> a.set(k, v));
                else leaves(a.get(i), setters, objects, arrays);
            }
        }
    }

    private JsonPrimitive interesting() {
        Object o = INTERESTING[r.nextInt(INTERESTING.length)];
        if (o instanceof String s) return new JsonPrimitive(s);
        if (o instanceof Double d) return new JsonPrimitive(d);
        return new JsonPrimitive(new BigInteger(o.toString()));
    }

    /** One mutation of a JSON document; returns its text and a word on what was done. */
    private String[] mutateJson(String json) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            int cut = r.nextInt(json.length());
            return new String[] {json.substring(0, cut), "truncated at " + cut};
        }
        if (kind == 1)
            return new String[] {
                json + List.of("}", " x", "\n{}", "//", ",").get(r.nextInt(5)), "trailing content"
            };
        JsonElement tree = JsonParser.parseString(json);
        List<Consumer<JsonElement>> setters = new ArrayList<>();
        List<JsonObject> objects = new ArrayList<>();
        List<JsonArray> arrays = new ArrayList<>();
        leaves(tree, setters, objects, arrays);
        String what;
        if (kind <= 6 && !setters.isEmpty()) {
            JsonPrimitive v = interesting();
            setters.get(r.nextInt(setters.size())).accept(v);
            what = "a value set to " + v;
        } else if (kind == 7 && !objects.isEmpty()) {
            JsonObject o = objects.get(r.nextInt(objects.size()));
            if (o.size() == 0) return new String[] {tree.toString(), "nothing"};
            String k = List.copyOf(o.keySet()).get(r.nextInt(o.size()));
            o.remove(k);
            what = "field " + k + " removed";
        } else if (kind == 8 && !arrays.isEmpty()) {
            JsonArray a = arrays.get(r.nextInt(arrays.size()));
            if (a.isEmpty()) return new String[] {tree.toString(), "nothing"};
            if (r.nextBoolean()) a.remove(a.size() - 1);
            else a.add(a.get(r.nextInt(a.size())).deepCopy());
            what = "an array shortened or lengthened";
        } else {
            objects.get(r.nextInt(objects.size())).addProperty("unknownField", 1);
            what = "unknown field added";
        }
        return new String[] {tree.toString(), what};
    }

    private static byte[] mutateBytes(byte[] b, Random r) {
        byte[] m;
        switch (r.nextInt(3)) {
            case 0 -> {
                m = b.clone();
                m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> m = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            default -> {
                m = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
            }
        }
        return m;
    }

    // ---- checks

    private CliRunner checked(Path file, String... args) {
        if (!List.of(args).contains("--json")) {
            args = java.util.Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "--json";
        }
        CliRunner c = CliRunner.run(args);
        runs++;
        if (c.err().contains("internal error")) {
            // run again with the stack trace, for the failure message
            System.setProperty("spikeforge.trace", "true");
            try {
                c = CliRunner.run(args);
            } finally {
                System.clearProperty("spikeforge.trace");
            }
        }
        String context = "seed " + SEED + ", " + String.join(" ", args) + "\nstderr: " + c.err();
        assertTrue(
                c.exitCode() == ExitCodes.OK || c.exitCode() == ExitCodes.ERROR,
                "exit " + c.exitCode() + ": " + context);
        assertFalse(
                c.err().contains("\tat ")
                        || c.err().contains("internal error")
                        || c.err().contains("Exception"),
                context);
        if (c.exitCode() == ExitCodes.ERROR) {
            assertTrue(c.err().contains(file.toString()), "the error names the file: " + context);
            assertEquals("error", c.json().get("kind").getAsString(), context);
        }
        return c;
    }

    /**
     * Through inspect, convert and simulate; accepted networks must simulate exactly as the long
     * reference does.
     */
    private void throughTheCommands(Path file, Path spikes, int[][] input, String what)
            throws IOException {
        CliRunner inspect = checked(file, "inspect", file.toString(), "--json");
        Path converted = dir.resolve("converted");
        Files.deleteIfExists(converted);
        CliRunner convert =
                checked(file, "convert", file.toString(), "--out", converted.toString(), "--json");
        assertEquals(
                inspect.exitCode(),
                convert.exitCode(),
                what + ": inspect and convert read the same");
        if (convert.exitCode() != ExitCodes.OK) {
            assertFalse(Files.exists(converted), what + ": nothing written from a refused input");
            return;
        }
        accepted++;
        assertEquals(
                ArtifactReader.read(file, null),
                ArtifactReader.read(converted, null),
                what + ": a conversion reads back the same");
        if (!(ArtifactReader.read(file, null) instanceof CompiledNetwork net)) return;
        CliRunner sim =
                checked(
                        file,
                        "simulate",
                        file.toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        Integer.toString(STEPS),
                        "--json");
        if (sim.exitCode() != ExitCodes.OK) {
            // Valid, but beyond what the simulator itself handles (8-bit weights): it must say so
            // by name.
            assertTrue(sim.err().contains("8-bit"), what + ": " + sim.err());
            return;
        }
        simulated++;
        LongReference.Result want = LongReference.run(net, input, STEPS);
        JsonObject got = sim.json();
        List<long[]> spikesGot = new ArrayList<>();
        for (JsonElement e : got.getAsJsonArray("output_spikes"))
            spikesGot.add(
                    new long[] {
                        e.getAsJsonArray().get(0).getAsLong(), e.getAsJsonArray().get(1).getAsLong()
                    });
        assertEquals(toString(want.outputSpikes()), toString(spikesGot), what + ": output spikes");
        assertEquals(want.spikes(), got.get("spike_count").getAsLong(), what + ": spikes");
        assertEquals(
                want.synapticOps(), got.get("synaptic_ops").getAsLong(), what + ": synaptic ops");
        if (want.readout() != null)
            assertEquals(
                    java.util.Arrays.toString(want.readout()),
                    got.get("readout").toString().replace(",", ", "),
                    what + ": readout");
        assertTrue(
                Double.isFinite(got.get("energy_j").getAsDouble())
                        && got.get("energy_j").getAsDouble() >= 0,
                what + ": energy " + got.get("energy_j"));
    }

    private static String toString(List<long[]> events) {
        StringBuilder sb = new StringBuilder();
        for (long[] e : events) sb.append(e[0]).append(':').append(e[1]).append(' ');
        return sb.toString();
    }

    @Test
    void mutatedNetworksAreRefusedByNameOrRunExactly() throws IOException {
        List<String> seeds = compiledSeeds();
        String trainedJson = JsonForm.toJson(trained());
        for (int i = 0; i < ROUNDS; i++) {
            boolean compiled = i % 4 != 3;
            String seed = compiled ? seeds.get(i % seeds.size()) : trainedJson;
            CompiledNetwork base =
                    compiled
                            ? (CompiledNetwork)
                                    JsonForm.fromJson(
                                            dir.resolve("seed"),
                                            seed,
                                            dev.spikeforge.proto.artifact.ArtifactKind
                                                    .COMPILED_NETWORK)
                            : null;
            int inputs = compiled ? base.getInputSize() : 1;
            int[][] input = new int[STEPS][];
            StringBuilder sb = new StringBuilder("step,neuron\n");
            for (int t = 0; t < STEPS; t++) {
                List<Integer> on = new ArrayList<>();
                for (int a = 0; a < inputs; a++) if (r.nextDouble() < 0.6) on.add(a);
                input[t] = on.stream().mapToInt(Integer::intValue).toArray();
                for (int a : input[t]) sb.append(t).append(',').append(a).append('\n');
            }
            Path spikes = dir.resolve("in.csv");
            Files.writeString(spikes, sb.toString());
            Path file;
            String what;
            if (i % 5 == 4) {
                // the artifact form, bytes damaged
                byte[] bytes = ArtifactFiles.encode(compiled ? base : trained());
                file = dir.resolve("m" + i + ".sfc");
                Files.write(file, mutateBytes(bytes, r));
                what = "mutation " + i + " (artifact bytes)";
            } else {
                String[] m = mutateJson(seed);
                file = dir.resolve("m" + i + ".json");
                Files.writeString(file, m[0], StandardCharsets.UTF_8);
                what = "mutation " + i + " (" + m[1] + ")";
            }
            if (!compiled) {
                checked(file, "inspect", file.toString(), "--json");
                Path converted = dir.resolve("t.sft");
                Files.deleteIfExists(converted);
                CliRunner c =
                        checked(file, "convert", file.toString(), "--out", converted.toString());
                if (c.exitCode() == ExitCodes.OK) {
                    accepted++;
                    assertEquals(
                            ArtifactReader.read(file, null),
                            ArtifactReader.read(converted, null),
                            what);
                } else {
                    assertFalse(Files.exists(converted), what);
                }
                continue;
            }
            throughTheCommands(file, spikes, input, what);
        }
        assertTrue(
                accepted > ROUNDS / 12 && accepted < ROUNDS * 5 / 6,
                "the mutations must be neither all refused nor all harmless: "
                        + accepted
                        + " of "
                        + ROUNDS);
        assertTrue(
                simulated > ROUNDS / 20,
                "accepted networks were simulated and compared: " + simulated);
    }

    /**
     * The spike file rules of README: what a valid reading keeps, computed independently of
     * SpikeFiles.
     */
    private record Reading(
            boolean valid, int[][] input, long read, long pastSteps, long duplicates) {}

    private static Reading oracle(String text, int inputs) {
        List<String> lines = text.lines().toList();
        java.util.TreeSet<Long> events = new java.util.TreeSet<>();
        long read = 0, past = 0, dup = 0;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line =
                    (i == 0 && lines.get(i).startsWith("\uFEFF")
                                    ? lines.get(i).substring(1)
                                    : lines.get(i))
                            .strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s*,\\s*", -1);
            if (first
                    && f.length == 2
                    && f[0].matches("[A-Za-z_][A-Za-z0-9_ .()-]*")
                    && f[1].matches("[A-Za-z_][A-Za-z0-9_ .()-]*")) {
                first = false;
                continue;
            }
            first = false;
            if (f.length != 2 || !f[0].matches("-?\\d+") || !f[1].matches("-?\\d+"))
                return new Reading(false, null, 0, 0, 0);
            BigInteger step = new BigInteger(f[0]), neuron = new BigInteger(f[1]);
            if (neuron.signum() < 0
                    || neuron.compareTo(BigInteger.valueOf(inputs)) >= 0
                    || step.signum() < 0) return new Reading(false, null, 0, 0, 0);
            read++;
            if (step.compareTo(BigInteger.valueOf(STEPS)) >= 0) past++;
            else if (!events.add(step.longValue() << 32 | neuron.longValue())) dup++;
        }
        int[][] in = new int[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            long lo = (long) t << 32;
            in[t] =
                    events.subSet(lo, lo + (1L << 32)).stream()
                            .mapToInt(e -> (int) (e & 0xFFFFFFFFL))
                            .toArray();
        }
        return new Reading(true, in, read, past, dup);
    }

    @Test
    void mutatedSpikeFilesAreRefusedByLineOrReadExactly() throws IOException {
        Path net = dir.resolve("net.json");
        Files.writeString(
                net,
                JsonForm.toJson(
                        Compiler.compile(
                                trained(),
                                ChipProfiles.load("loihi1"),
                                CompileOptions.defaults())));
        CompiledNetwork compiled = (CompiledNetwork) ArtifactReader.read(net, null);
        int inputs = compiled.getInputSize();
        String[] junk = {
            "0,abc",
            "0.5,1",
            "abc",
            "1,2,3",
            "",
            "# note",
            "step,neuron",
            "0,2147483648",
            "-1,0",
            "3,-2",
            "\uFEFF0,1",
            "99,1",
            "1,1",
            "{\"step\": 2, \"neuron\": 1}",
            "1e3,1",
            " 4 , 2 ",
            "0x1,1",
            "time,axon"
        };
        int accepted = 0;
        for (int i = 0; i < ROUNDS / 2; i++) {
            List<String> lines = new ArrayList<>();
            if (r.nextBoolean()) lines.add("step,neuron");
            for (int k = 0; k < 15; k++) lines.add(r.nextInt(STEPS + 3) + "," + r.nextInt(inputs));
            if (r.nextBoolean())
                for (int k = r.nextInt(3); k >= 0; k--)
                    lines.add(r.nextInt(lines.size() + 1), junk[r.nextInt(junk.length)]);
            String text = String.join("\n", lines) + "\n";
            if (text.indexOf('{') >= 0)
                continue; // JSON lines are another format; the CSV oracle does not read them
            Path spikes = dir.resolve("s" + i + ".csv");
            Files.writeString(spikes, text);
            Reading want = oracle(text, inputs);
            CliRunner sim =
                    checked(
                            spikes,
                            "simulate",
                            net.toString(),
                            "--input",
                            spikes.toString(),
                            "--steps",
                            Integer.toString(STEPS),
                            "--json");
            assertEquals(
                    want.valid(),
                    sim.exitCode() == ExitCodes.OK,
                    "file " + i + ":\n" + text + "\n" + sim.err());
            if (!want.valid()) {
                assertTrue(
                        sim.err().contains(spikes + ":"), "names the file and line: " + sim.err());
                continue;
            }
            accepted++;
            JsonObject got = sim.json();
            assertEquals(want.read(), got.get("input_events_read").getAsLong(), text);
            assertEquals(
                    want.pastSteps(),
                    got.getAsJsonObject("input_events_dropped").get("past_steps").getAsLong(),
                    text);
            assertEquals(
                    want.duplicates(),
                    got.getAsJsonObject("input_events_dropped").get("duplicate").getAsLong(),
                    text);
            LongReference.Result ref = LongReference.run(compiled, want.input(), STEPS);
            assertEquals(ref.synapticOps(), got.get("synaptic_ops").getAsLong(), text);
            assertEquals(
                    java.util.Arrays.toString(ref.readout()),
                    got.get("readout").toString().replace(",", ", "),
                    text);
        }
        assertTrue(accepted > ROUNDS / 10, "some files must be valid: " + accepted);
    }
}
