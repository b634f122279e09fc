package dev.spikeforge.sim.io;

import dev.spikeforge.artifact.ArtifactFiles;
import dev.spikeforge.data.SpikeTrain;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input spike files: one event per line, either CSV {@code step,neuron} (an optional header line of column names,
 * # starts a comment) or JSON lines {@code {"step": 0, "neuron": 3}}. Neurons are input axon indices. The file is
 * streamed line by line (no line longer than {@value #MAX_LINE} characters), so its size only costs the events kept.
 * Every line is an event, a comment, blank or, first of all, the header: a line that is none of these is an error
 * naming the file and line, wherever it is. Events the run cannot use are counted (see {@link SpikeFileReading}).
 */
public final class SpikeFiles {
    static final int MAX_LINE = 4096;
    private static final Pattern JSON_EVENT = Pattern.compile(
            "\\{\\s*\"(step|neuron)\"\\s*:\\s*(-?\\d+)\\s*,\\s*\"(step|neuron)\"\\s*:\\s*(-?\\d+)\\s*}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** A header names columns: every field starts with a letter or underscore, e.g. "step,neuron". */
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .()-]*");

    private SpikeFiles() {}

    /** Reads events of steps 0 .. steps-1 for a network of {@code inputs} axons, counting what is not used. */
    public static SpikeFileReading read(Path file, int inputs, int steps) {
        if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a directory, not a spike file");
        EventTable events = new EventTable(file, steps);
        long read = 0, pastSteps = 0;
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            BoundedLines lines = new BoundedLines(in, MAX_LINE);
            boolean first = true;
            for (String raw; (raw = lines.next()) != null; ) {
                long ln = lines.number();
                String line = (ln == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                boolean header = first && isHeader(line);
                first = false;
                if (header) continue;
                long[] e = parse(file, ln, line);
                long step = e[0], neuron = e[1];
                if (neuron < 0 || neuron >= inputs) throw bad(file, ln, line, "neuron " + neuron + " is not an input axon (0.." + (inputs - 1) + ")");
                if (step < 0) throw bad(file, ln, line, "step " + step + " is negative");
                read++;
                if (step >= steps) pastSteps++;
                else events.add((int) step, (int) neuron);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such spike file", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not a text file (not valid UTF-8)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the spike file: " + e.getMessage(), e);
        }
        return new SpikeFileReading(file, events.train(inputs), read, pastSteps, events.duplicates());
    }

    /** [step, neuron] of an event line, in long so an index past 2^31 is reported as itself. */
    private static long[] parse(Path file, long ln, String line) {
        if (line.startsWith("{")) {
            Matcher m = JSON_EVENT.matcher(line);
            if (!m.matches() || m.group(1).equals(m.group(3))) throw bad(file, ln, line, "expected {\"step\": S, \"neuron\": N}");
            long a = integer(file, ln, line, m.group(2)), b = integer(file, ln, line, m.group(4));
            return m.group(1).equals("step") ? new long[]{a, b} : new long[]{b, a};
        }
        String[] f = line.split("\\s*,\\s*", -1);
        if (f.length != 2 || !INTEGER.matcher(f[0]).matches() || !INTEGER.matcher(f[1]).matches()) {
            throw bad(file, ln, line, "expected two comma-separated integers step,neuron");
        }
        return new long[]{integer(file, ln, line, f[0]), integer(file, ln, line, f[1])};
    }

    private static long integer(Path file, long ln, String line, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(file, ln, line, digits + " is out of range");
        }
    }

    /** Two column names, such as "step,neuron" (so "0,abc", "0.5,1" or a number too large for an int are not headers). */
    static boolean isHeader(String line) {
        String[] f = line.split(",", -1);
        return f.length == 2 && COLUMN_NAME.matcher(f[0].strip()).matches() && COLUMN_NAME.matcher(f[1].strip()).matches();
    }

    /**
     * Writes {@code [step, neuron]} events in the same format {@link #read} takes: JSON lines when the file name ends
     * in .jsonl or .json, else CSV with a {@code step,neuron} header. Output spikes of one network can so be the
     * input of another. Written atomically, like every output.
     */
    public static void write(Path file, List<int[]> events) {
        String name = file.getFileName().toString();
        boolean json = name.endsWith(".jsonl") || name.endsWith(".json");
        StringBuilder sb = new StringBuilder(json ? "" : "step,neuron\n");
        for (int[] e : events) {
            if (json) sb.append("{\"step\": ").append(e[0]).append(", \"neuron\": ").append(e[1]).append("}\n");
            else sb.append(e[0]).append(',').append(e[1]).append('\n');
        }
        ArtifactFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException bad(Path file, long ln, String line, String what) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new IllegalArgumentException(file + ":" + ln + ": " + what + ", found: " + shown);
    }

    /** Events of steps 0..steps-1 packed as step << 32 | neuron; sorted once at the end, repeats counted. */
    private static final class EventTable {
        private final Path file;
        private final int steps;
        private long[] packed = new long[1024];
        private int size;
        private long duplicates;

        EventTable(Path file, int steps) {
            this.file = file;
            this.steps = steps;
        }

        void add(int step, int neuron) {
            if (size == packed.length) {
                long grown = Math.min((long) packed.length * 2, Integer.MAX_VALUE - 8);
                // Held as longs, then as per-step int arrays: keep both well inside the heap.
                if (grown == size || grown * 12 > Runtime.getRuntime().maxMemory() / 2) {
                    throw new IllegalArgumentException(file + ": more than " + size + " input events in steps 0.." + (steps - 1)
                            + ", more than this JVM's memory holds (give Java more with SPIKEFORGE_JAVA_OPTS=-Xmx..., or run fewer steps)");
                }
                packed = Arrays.copyOf(packed, (int) grown);
            }
            packed[size++] = (long) step << 32 | neuron;
        }

        long duplicates() {
            return duplicates;
        }

        SpikeTrain train(int inputs) {
            Arrays.sort(packed, 0, size);
            int[] perStep = new int[steps];
            int unique = 0;
            for (int k = 0; k < size; k++) {
                if (k > 0 && packed[k] == packed[k - 1]) {
                    duplicates++;
                    continue;
                }
                packed[unique++] = packed[k];
                perStep[(int) (packed[k] >>> 32)]++;
            }
            int[] none = new int[0];
            int[][] out = new int[steps][];
            int k = 0;
            for (int t = 0; t < steps; t++) {
                out[t] = perStep[t] == 0 ? none : new int[perStep[t]];
                for (int i = 0; i < perStep[t]; i++) out[t][i] = (int) packed[k++];
            }
            packed = null;
            return new SpikeTrain(inputs, out);
        }
    }
}
