package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --kernel takes every layout KernelChoice has, and bench sim names the layout it measured. */
class KernelFlagTest {
    @Test
    void benchSimNamesTheLayoutAndItsBytes() {
        // 2,000 targets, 50 per source: gaps average 40, so the smallest layout is 8-bit gaps: 2 B
        // per synapse, 2 B per
        // filler (a gap above 255: rare) and 4 B of offset per source
        CliRunner r =
                CliRunner.run(
                        "bench",
                        "sim",
                        "--n-in",
                        "400",
                        "--n-out",
                        "2000",
                        "--fanout",
                        "50",
                        "--activity",
                        "0.05",
                        "--steps",
                        "10",
                        "--warmup",
                        "2",
                        "--kernel",
                        "sparse",
                        "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = r.json();
        assertEquals("[\"sparse_delta8\"]", j.getAsJsonArray("layouts").toString());
        double b = j.get("bytes_per_synapse").getAsDouble();
        assertTrue(b >= (2.0 * 20000 + 4 * 401) / 20000 && b < 2.1, "bytes per synapse " + b);
        assertTrue(r.out().contains("sparse_delta8: 8-bit gap + 8-bit weight = 2 B"), r.out());

        CliRunner indexed =
                CliRunner.run(
                        "bench",
                        "sim",
                        "--n-in",
                        "400",
                        "--n-out",
                        "2000",
                        "--fanout",
                        "50",
                        "--activity",
                        "0.05",
                        "--steps",
                        "10",
                        "--warmup",
                        "2",
                        "--kernel",
                        "SPARSE_INDEXED",
                        "--json");
        assertEquals(0, indexed.exitCode(), indexed.err());
        assertEquals("sparse_indexed", indexed.json().get("kernel").getAsString());
        assertTrue(
                indexed.out().contains("16-bit target index + 8-bit weight = 3 B"), indexed.out());
        assertEquals(
                (3.0 * 20000 + 4 * 401) / 20000,
                indexed.json().get("bytes_per_synapse").getAsDouble(),
                1e-12);
    }

    @TempDir Path dir;

    @Test
    void anUnknownKernelListsEveryValue() throws IOException {
        // the one-neuron network of docs/compiled-network.md
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        int start = doc.indexOf("```json") + "```json".length();
        Path net = dir.resolve("one.json"), spikes = dir.resolve("in.csv");
        Files.writeString(net, doc.substring(start, doc.indexOf("```", start)));
        Files.writeString(spikes, "step,neuron\n0,0\n");
        for (List<String> cmd :
                List.of(
                        List.of("bench", "sim", "--n-in", "10", "--n-out", "10", "--fanout", "2"),
                        List.of("simulate", net.toString(), "--input", spikes.toString()))) {
            String[] args =
                    new java.util.ArrayList<String>(cmd) {
                        {
                            add("--kernel");
                            add("csr");
                        }
                    }.toArray(new String[0]);
            CliRunner r = CliRunner.run(args);
            assertNotEquals(0, r.exitCode());
            assertTrue(
                    r.err()
                            .contains(
                                    "--kernel: choose one of auto, sparse, dense, sparse_indexed,"
                                            + " sparse_delta8, sparse_delta12, got 'csr'"),
                    cmd.get(0) + ": " + r.err());
        }
    }
}
