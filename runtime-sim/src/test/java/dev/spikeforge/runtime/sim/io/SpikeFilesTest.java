package dev.spikeforge.runtime.sim.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No line of a spike file is taken for what it is not, and no event is dropped without being
 * counted.
 */
class SpikeFilesTest {
    @TempDir Path dir;

    private Path file(String content) throws IOException {
        Path f = dir.resolve("spikes.csv");
        Files.writeString(f, content);
        return f;
    }

    private void refused(String content, String expected) throws IOException {
        Path f = file(content);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SpikeFiles.read(f, 4, 10));
        assertTrue(
                e.getMessage().startsWith(f + ":") && e.getMessage().contains(expected),
                e.getMessage());
    }

    @Test
    void aFirstLineThatIsNotColumnNamesIsAnErrorNotAHeader() throws IOException {
        refused(
                "0,abc\n1,2\n",
                f(
                        1,
                        "expected comma-separated integers step,neuron or step,neuron,value, found:"
                                + " 0,abc"));
        refused(
                "0.5,1\n1,2\n",
                f(
                        1,
                        "expected comma-separated integers step,neuron or step,neuron,value, found:"
                                + " 0.5,1"));
        refused("0,2147483648\n1,2\n", f(1, "neuron 2147483648 is not an input axon (0..3)"));
        refused("0,99999999999999999999\n", f(1, "99999999999999999999 is out of range"));
        refused(
                "1,2\n0,abc\n",
                f(
                        2,
                        "expected comma-separated integers step,neuron or step,neuron,value, found:"
                                + " 0,abc"));
    }

    private static String f(int line, String what) {
        return ":" + line + ": " + what;
    }

    @Test
    void aHeaderIsALineOfColumnNamesAndAByteOrderMarkIsSkipped() throws IOException {
        SpikeFileReading r = SpikeFiles.read(file("step,neuron\n0,1\n"), 4, 10);
        assertEquals(1, r.eventsRead());
        r = SpikeFiles.read(file("\uFEFF0,1\n2,3\n"), 4, 10);
        assertEquals(
                2,
                r.eventsUsed(),
                "a BOM before a valid first line: that line is an event, not a header");
        assertArrayEquals(new int[] {1}, r.train().spikesPerStep()[0]);
        r = SpikeFiles.read(file("\uFEFF{\"step\": 0, \"neuron\": 3}\n"), 4, 10);
        assertArrayEquals(new int[] {3}, r.train().spikesPerStep()[0]);
    }

    @Test
    void eventsPastTheStepsAndRepeatsAreCountedAndReported() throws IOException {
        StringBuilder sb = new StringBuilder("step,neuron\n");
        for (int t = 0; t < 100; t++) sb.append(t).append(",1\n");
        sb.append("3,1\n3,1\n");
        SpikeFileReading r = SpikeFiles.read(file(sb.toString()), 4, 10);
        assertEquals(102, r.eventsRead());
        assertEquals(10, r.eventsUsed());
        assertEquals(Map.of("past_steps", 90L, "duplicate", 2L), r.droppedByReason());
        assertTrue(
                r.describe()
                        .endsWith(
                                "102 input events read, 10 used; dropped 90 at steps >= 10 (past"
                                        + " the run's steps) and 2 duplicates"),
                r.describe());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, r::requireNothingDropped);
        assertTrue(e.getMessage().contains("--strict"), e.getMessage());
        assertEquals(
                0,
                SpikeFiles.read(file("0,1\n1,1\n"), 4, 10).requireNothingDropped().eventsDropped());
    }

    @Test
    void anEndlessLineOrBinaryIsRefusedWithoutReadingItWhole() throws IOException {
        refused("0," + "1".repeat(100_000) + "\n", "longer than 4096 characters");
        Path bin = dir.resolve("bin");
        Files.write(bin, new byte[] {(byte) 0xC3, 0x28, '\n'});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SpikeFiles.read(bin, 4, 10));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeFiles.read(dir, 4, 10));
        assertEquals(dir + ": is a directory, not a spike file", e.getMessage());
    }

    @Test
    void aValueColumnGivesEveryEventItsPayloadAndRoundTrips() throws IOException {
        Path f = file("step,neuron,value\n0,1,250\n0,3,-4\n2,0,7\n0,1,9\n");
        SpikeFileReading r = SpikeFiles.read(f, 4, 3);
        assertTrue(r.train().graded());
        assertArrayEquals(new int[] {1, 3}, r.train().spikesPerStep()[0]);
        assertArrayEquals(
                new int[] {250, -4},
                r.train().payloadsPerStep()[0],
                "the first of a repeated event is kept, with its value");
        assertArrayEquals(new int[] {7}, r.train().payloadsPerStep()[2]);
        assertEquals(1, r.duplicates());
        Path json =
                file("{\"step\": 1, \"neuron\": 2, \"value\": 33}\n{\"neuron\": 0, \"step\": 1}\n");
        SpikeFileReading j = SpikeFiles.read(json, 4, 3);
        assertArrayEquals(new int[] {0, 2}, j.train().spikesPerStep()[1]);
        assertArrayEquals(
                new int[] {1, 33},
                j.train().payloadsPerStep()[1],
                "an event without a value carries 1");
        Path out = dir.resolve("back.csv");
        SpikeFiles.write(
                out,
                java.util.List.of(
                        new int[] {0, 1, 250}, new int[] {0, 3, -4}, new int[] {2, 0, 7}));
        SpikeFileReading back = SpikeFiles.read(out, 4, 3);
        assertArrayEquals(r.train().payloadsPerStep()[0], back.train().payloadsPerStep()[0]);
        assertFalse(
                SpikeFiles.read(file("0,1\n"), 4, 3).train().graded(),
                "no value anywhere: binary spikes");
    }
}
