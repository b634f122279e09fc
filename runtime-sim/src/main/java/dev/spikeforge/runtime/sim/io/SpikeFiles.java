package dev.spikeforge.runtime.sim.io;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.proto.artifact.ArtifactFiles;
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
 * Input spike files: one event per line, either CSV {@code step,neuron} or {@code
 * step,neuron,value} (an optional header line of column names, # starts a comment) or JSON lines
 * {@code {"step": 0, "neuron": 3}}, with an optional {@code "value": V}. Neurons are input axon
 * indices; a value is the integer payload of a graded spike (an event without one carries 1; a file
 * without any is binary). The file is streamed line by line (no line longer than {@value #MAX_LINE}
 * characters), so its size only costs the events kept. Every line is an event, a comment, blank or,
 * first of all, the header: a line that is none of these is an error naming the file and line,
 * wherever it is. Events the run cannot use are counted (see {@link SpikeFileReading}).
 */
public final class SpikeFiles {
    static final int MAX_LINE = 4096;
    private static final Pattern JSON_FIELD =
            Pattern.compile("\\s*\"(step|neuron|value)\"\\s*:\\s*(-?\\d+)\\s*");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /**
     * A header names columns: every field starts with a letter or underscore, e.g. "step,neuron".
     */
    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .()-]*");

    private SpikeFiles() {}

    /**
     * Reads events of steps 0 .. steps-1 for a network of {@code inputs} axons, counting what is
     * not used; any 32-bit value.
     */
    public static SpikeFileReading read(Path file, int inputs, int steps) {
        return read(file, inputs, steps, 32);
    }

    /**
     * Like {@link #read(Path, int, int)} for a network whose input payloads are {@code
     * payloadBits}-bit signed integers (0: binary input spikes, where a value, if given, must be
     * 1).
     */
    public static SpikeFileReading read(Path file, int inputs, int steps, int payloadBits) {
        if (Files.isDirectory(file))
            throw new IllegalArgumentException(file + ": is a directory, not a spike file");
        EventTable events = new EventTable(file, steps);
        long read = 0, pastSteps = 0;
        try (Reader in =
                new InputStreamReader(
                        Files.newInputStream(file),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            BoundedLines lines = new BoundedLines(in, MAX_LINE);
            boolean first = true;
            for (String raw; (raw = lines.next()) != null; ) {
                long ln = lines.number();
                String line =
                        (ln == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                boolean header = first && isHeader(line);
                first = false;
                if (header) continue;
                long[] e = parse(file, ln, line);
                long step = e[0], neuron = e[1], value = e[2];
                if (neuron < 0 || neuron >= inputs)
                    throw bad(
                            file,
                            ln,
                            line,
                            "neuron " + neuron + " is not an input axon (0.." + (inputs - 1) + ")");
                if (step < 0) throw bad(file, ln, line, "step " + step + " is negative");
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
                    throw bad(file, ln, line, "value " + value + " does not fit 32 bits");
                if (payloadBits == 0 && value != 1) {
                    throw bad(
                            file,
                            ln,
                            line,
                            "value "
                                    + value
                                    + ", but the network takes binary input spikes: drop the value"
                                    + " column (or give 1)");
                }
                if (payloadBits > 0
                        && payloadBits < 32
                        && (value < -(1L << (payloadBits - 1))
                                || value >= 1L << (payloadBits - 1))) {
                    throw bad(
                            file,
                            ln,
                            line,
                            "value "
                                    + value
                                    + " is outside the network's "
                                    + payloadBits
                                    + "-bit input payloads ("
                                    + -(1L << (payloadBits - 1))
                                    + ".."
                                    + ((1L << (payloadBits - 1)) - 1)
                                    + ")");
                }
                read++;
                if (e[3] != 0) events.graded();
                if (step >= steps) pastSteps++;
                else events.add((int) step, (int) neuron, (int) value);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such spike file", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not a text file (not valid UTF-8)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    file + ": cannot read the spike file: " + e.getMessage(), e);
        }
        return new SpikeFileReading(
                file, events.train(inputs), read, pastSteps, events.duplicates());
    }

    /**
     * [step, neuron, value, 1 if the value was given] of an event line, in long so an index past
     * 2^31 is reported as itself.
     */
    private static long[] parse(Path file, long ln, String line) {
        if (line.startsWith("{")) {
            if (!line.endsWith("}"))
                throw bad(
                        file,
                        ln,
                        line,
                        "expected {\"step\": S, \"neuron\": N} or with \"value\": V");
            long[] e = {-1, -1, 1, 0};
            boolean[] seen = new boolean[3];
            for (String field : line.substring(1, line.length() - 1).split(",", -1)) {
                Matcher m = JSON_FIELD.matcher(field);
                if (!m.matches())
                    throw bad(
                            file,
                            ln,
                            line,
                            "expected {\"step\": S, \"neuron\": N} or with \"value\": V");
                int k =
                        switch (m.group(1)) {
                            case "step" -> 0;
                            case "neuron" -> 1;
                            default -> 2;
                        };
                if (seen[k]) throw bad(file, ln, line, "\"" + m.group(1) + "\" given twice");
                seen[k] = true;
                e[k] = integer(file, ln, line, m.group(2));
            }
            if (!seen[0] || !seen[1])
                throw bad(
                        file,
                        ln,
                        line,
                        "expected {\"step\": S, \"neuron\": N} or with \"value\": V");
            e[3] = seen[2] ? 1 : 0;
            return e;
        }
        String[] f = line.split("\\s*,\\s*", -1);
        if ((f.length != 2 && f.length != 3)
                || !INTEGER.matcher(f[0]).matches()
                || !INTEGER.matcher(f[1]).matches()
                || (f.length == 3 && !INTEGER.matcher(f[2]).matches())) {
            throw bad(
                    file,
                    ln,
                    line,
                    "expected comma-separated integers step,neuron or step,neuron,value");
        }
        return new long[] {
            integer(file, ln, line, f[0]),
            integer(file, ln, line, f[1]),
            f.length == 3 ? integer(file, ln, line, f[2]) : 1,
            f.length == 3 ? 1 : 0
        };
    }

    private static long integer(Path file, long ln, String line, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad(file, ln, line, digits + " is out of range");
        }
    }

    /**
     * Two or three column names, such as "step,neuron,value" (so "0,abc", "0.5,1" or a number too
     * large for an int are not headers).
     */
    static boolean isHeader(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 2 && f.length != 3) return false;
        for (String name : f) if (!COLUMN_NAME.matcher(name.strip()).matches()) return false;
        return true;
    }

    /**
     * Writes {@code [step, neuron]} events, or {@code [step, neuron, value]} ones, in the same
     * format {@link #read} takes: JSON lines when the file name ends in .jsonl or .json, else CSV
     * with a header. Output spikes of one network can so be the input of another. Written
     * atomically, like every output.
     */
    public static void write(Path file, List<int[]> events) {
        String name = file.getFileName().toString();
        boolean json = name.endsWith(".jsonl") || name.endsWith(".json");
        boolean values = !events.isEmpty() && events.get(0).length > 2;
        StringBuilder sb =
                new StringBuilder(json ? "" : values ? "step,neuron,value\n" : "step,neuron\n");
        for (int[] e : events) {
            if (json) {
                sb.append("{\"step\": ").append(e[0]).append(", \"neuron\": ").append(e[1]);
                if (values) sb.append(", \"value\": ").append(e[2]);
                sb.append("}\n");
            } else {
                sb.append(e[0]).append(',').append(e[1]);
                if (values) sb.append(',').append(e[2]);
                sb.append('\n');
            }
        }
        ArtifactFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static IllegalArgumentException bad(Path file, long ln, String line, String what) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new IllegalArgumentException(file + ":" + ln + ": " + what + ", found: " + shown);
    }

    /**
     * Events of steps 0..steps-1 in file order; at the end bucketed by step, sorted by neuron, and
     * a repeat of a (step, neuron) counted and dropped (the first one in the file kept, with its
     * value).
     */
    private static final class EventTable {
        private final Path file;
        private final int steps;
        private int[] step = new int[1024], neuron = new int[1024], value = new int[1024];
        private int size;
        private long duplicates;
        private boolean graded;

        EventTable(Path file, int steps) {
            this.file = file;
            this.steps = steps;
        }

        /** Some event gave a value: the train is graded. */
        void graded() {
            graded = true;
        }

        void add(int t, int n, int v) {
            if (size == step.length) {
                long grown = Math.min((long) step.length * 2, Integer.MAX_VALUE - 8);
                // Held as three ints, then as per-step arrays: keep both well inside the heap.
                if (grown == size || grown * 24 > Runtime.getRuntime().maxMemory() / 2) {
                    throw new IllegalArgumentException(
                            file
                                    + ": more than "
                                    + size
                                    + " input events in steps 0.."
                                    + (steps - 1)
                                    + ", more than this JVM's memory holds (give Java more with"
                                    + " SPIKEFORGE_JAVA_OPTS=-Xmx..., or run fewer steps)");
                }
                step = Arrays.copyOf(step, (int) grown);
                neuron = Arrays.copyOf(neuron, (int) grown);
                value = Arrays.copyOf(value, (int) grown);
            }
            step[size] = t;
            neuron[size] = n;
            value[size] = v;
            size++;
        }

        long duplicates() {
            return duplicates;
        }

        SpikeTrain train(int inputs) {
            // Counting sort by step keeps file order within a step; then (neuron, order) sorts each
            // step.
            int[] start = new int[steps + 1];
            for (int k = 0; k < size; k++) start[step[k] + 1]++;
            for (int t = 0; t < steps; t++) start[t + 1] += start[t];
            int[] fill = Arrays.copyOf(start, steps), order = new int[size];
            for (int k = 0; k < size; k++) order[fill[step[k]]++] = k;
            int[] none = new int[0];
            int[][] spikes = new int[steps][], payloads = graded ? new int[steps][] : null;
            long[] pairs = new long[0];
            for (int t = 0; t < steps; t++) {
                int n = start[t + 1] - start[t];
                if (pairs.length < n) pairs = new long[Math.max(n, 2 * pairs.length)];
                for (int i = 0; i < n; i++) pairs[i] = (long) neuron[order[start[t] + i]] << 32 | i;
                Arrays.sort(pairs, 0, n);
                int unique = 0;
                for (int i = 0; i < n; i++)
                    if (i == 0 || pairs[i] >>> 32 != pairs[i - 1] >>> 32) unique++;
                duplicates += n - unique;
                spikes[t] = unique == 0 ? none : new int[unique];
                if (graded) payloads[t] = unique == 0 ? none : new int[unique];
                for (int i = 0, u = 0; i < n; i++) {
                    if (i > 0 && pairs[i] >>> 32 == pairs[i - 1] >>> 32) continue;
                    spikes[t][u] = (int) (pairs[i] >>> 32);
                    if (graded) payloads[t][u] = value[order[start[t] + (int) pairs[i]]];
                    u++;
                }
            }
            step = neuron = value = null;
            return new SpikeTrain(inputs, spikes, payloads);
        }
    }
}
