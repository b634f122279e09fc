package dev.spikeforge.sim.io;

import dev.spikeforge.data.SpikeTrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input spike files: one event per line, either CSV {@code step,neuron} (an optional header line is skipped, # starts
 * a comment) or JSON lines {@code {"step": 0, "neuron": 3}}. Neurons are input axon indices.
 */
public final class SpikeFiles {
    private static final Pattern JSON_EVENT = Pattern.compile(
            "\\{\\s*\"(step|neuron)\"\\s*:\\s*(-?\\d+)\\s*,\\s*\"(step|neuron)\"\\s*:\\s*(-?\\d+)\\s*}");

    private SpikeFiles() {}

    public static SpikeTrain read(Path file, int inputs, int steps) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the spike file: " + e.getMessage(), e);
        }
        List<List<Integer>> perStep = new ArrayList<>();
        for (int t = 0; t < steps; t++) perStep.add(new ArrayList<>());
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int step, neuron;
            if (line.startsWith("{")) {
                Matcher m = JSON_EVENT.matcher(line);
                if (!m.matches() || m.group(1).equals(m.group(3))) throw bad(file, ln, line, "expected {\"step\": S, \"neuron\": N}");
                int a = Integer.parseInt(m.group(2)), b = Integer.parseInt(m.group(4));
                step = m.group(1).equals("step") ? a : b;
                neuron = m.group(1).equals("step") ? b : a;
            } else {
                String[] f = line.split("\\s*,\\s*");
                if (f.length != 2) throw bad(file, ln, line, "expected two comma-separated integers step,neuron");
                try {
                    step = Integer.parseInt(f[0]);
                    neuron = Integer.parseInt(f[1]);
                } catch (NumberFormatException e) {
                    if (ln == 0 || firstContentLine(lines) == ln) continue; // a header such as "step,neuron"
                    throw bad(file, ln, line, "expected two comma-separated integers step,neuron");
                }
            }
            if (neuron < 0 || neuron >= inputs) throw bad(file, ln, line, "neuron " + neuron + " is not an input axon (0.." + (inputs - 1) + ")");
            if (step < 0) throw bad(file, ln, line, "step " + step + " is negative");
            if (step < steps) perStep.get(step).add(neuron);
        }
        int[][] arr = new int[steps][];
        for (int t = 0; t < steps; t++) arr[t] = perStep.get(t).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        return new SpikeTrain(inputs, arr);
    }

    /**
     * Writes {@code [step, neuron]} events in the same format {@link #read} takes: JSON lines when the file name ends
     * in .jsonl or .json, else CSV with a {@code step,neuron} header. Output spikes of one network can so be the
     * input of another.
     */
    public static void write(Path file, List<int[]> events) {
        String name = file.getFileName().toString();
        boolean json = name.endsWith(".jsonl") || name.endsWith(".json");
        StringBuilder sb = new StringBuilder(json ? "" : "step,neuron\n");
        for (int[] e : events) {
            if (json) sb.append("{\"step\": ").append(e[0]).append(", \"neuron\": ").append(e[1]).append("}\n");
            else sb.append(e[0]).append(',').append(e[1]).append('\n');
        }
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write the spike file: " + e.getMessage(), e);
        }
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (!s.isEmpty() && !s.startsWith("#")) return i;
        }
        return -1;
    }

    private static IllegalArgumentException bad(Path file, int ln, String line, String what) {
        return new IllegalArgumentException(file + ":" + (ln + 1) + ": " + what + ", found: " + line);
    }
}
