package dev.spikeforge.runtime.sim.bench;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link SimBenchmark}'s network and inputs run by several simulator variants (thread count,
 * kernel) in one JVM, alternating: every repetition times each variant once, in an order that flips
 * every repetition. On a machine shared with other work, load then falls on all variants alike, and
 * the median over repetitions is the figure.
 *
 * <p>{@code java -cp ... dev.spikeforge.runtime.sim.bench.AlternatingBenchmark --n-in 10000 --n-out
 * 10000 --fanout 1000 --activity 0.02 --steps 1000 --threads 1,2 --kernel auto --repeat 7}: prints
 * one line per timed run and, last, one JSON object with every variant's runs and median.
 */
public final class AlternatingBenchmark {
    public record Variant(int threads, KernelChoice kernel) {
        String label() {
            return threads + "t-" + kernel.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Events per second of every repetition, in order, and the model's synapse memory. */
    public record Outcome(
            Variant variant,
            double[] eventsPerSecond,
            long events,
            long synapses,
            long synapseBytes) {
        public double median() {
            double[] s = eventsPerSecond.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
    }

    public interface Listener {
        void timed(int repetition, Variant v, double eventsPerSecond);
    }

    private AlternatingBenchmark() {}

    public static List<Outcome> run(
            int nIn,
            int nOut,
            int fanout,
            double activity,
            int steps,
            int warmup,
            long seed,
            List<Variant> variants,
            int repeats,
            Listener listener) {
        if (repeats < 1)
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeats);
        if (variants.isEmpty()) throw new IllegalArgumentException("give at least one variant");
        CompiledNetwork net = SyntheticLayer.build(nIn, nOut, fanout, seed);
        int[][] in = SyntheticLayer.inputs(nIn, activity, steps, seed);
        int n = variants.size();
        Simulator[] sims = new Simulator[n];
        double[][] rate = new double[n][repeats];
        long[] events = new long[n];
        try {
            for (int v = 0; v < n; v++) {
                sims[v] =
                        new Simulator(
                                SimModel.of(
                                        net,
                                        new SimOptions(
                                                variants.get(v).threads(),
                                                variants.get(v).kernel())));
                for (int t = 0; t < warmup; t++)
                    sims[v].step(in[t % in.length], in[t % in.length].length);
            }
            for (int r = 0; r < repeats; r++) {
                for (int j = 0; j < n; j++) {
                    int v = r % 2 == 0 ? j : n - 1 - j;
                    Simulator sim = sims[v];
                    sim.reset();
                    sim.counters().clear();
                    long t0 = System.nanoTime();
                    for (int[] s : in) sim.step(s, s.length);
                    // inside the clock: reading the counters delivers what a multi-threaded last
                    // step held back
                    events[v] = sim.counters().totalSynapticOps();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    rate[v][r] = events[v] / seconds;
                    if (listener != null) listener.timed(r, variants.get(v), rate[v][r]);
                }
            }
            List<Outcome> out = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                SimModel m = sims[v].model();
                out.add(
                        new Outcome(
                                variants.get(v),
                                rate[v],
                                events[v],
                                m.synapses(),
                                m.synapseBytes()));
            }
            return out;
        } finally {
            for (Simulator s : sims) if (s != null) s.close();
        }
    }

    public static void main(String[] args) {
        int nIn = 10000, nOut = 10000, fanout = 1000, steps = 1000, warmup = 300, repeats = 7;
        double activity = 0.02;
        long seed = 1;
        int[] threads = {1, 2};
        String[] kernels = {"auto"};
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
            String val = args[++i];
            switch (a) {
                case "--n-in" -> nIn = Integer.parseInt(val);
                case "--n-out" -> nOut = Integer.parseInt(val);
                case "--fanout" -> fanout = Integer.parseInt(val);
                case "--activity" -> activity = Double.parseDouble(val);
                case "--steps" -> steps = Integer.parseInt(val);
                case "--warmup" -> warmup = Integer.parseInt(val);
                case "--repeat" -> repeats = Integer.parseInt(val);
                case "--seed" -> seed = Long.parseLong(val);
                case "--threads" ->
                        threads =
                                Arrays.stream(val.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--kernel" -> kernels = val.split(",");
                default ->
                        throw new IllegalArgumentException(
                                "unknown option "
                                        + a
                                        + "; options: --n-in --n-out --fanout --activity --steps"
                                        + " --warmup --repeat --seed --threads T1,T2 --kernel"
                                        + " K1,K2");
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (String k : kernels) {
            for (int t : threads)
                variants.add(
                        new Variant(t, KernelChoice.valueOf(k.trim().toUpperCase(Locale.ROOT))));
        }
        String loadBefore = loadAverage();
        System.out.printf(
                Locale.ROOT,
                "alternating bench: %d inputs x %d synapses -> %d neurons, activity %.4g, %d steps,"
                        + " %d repetitions; load before: %s%n",
                nIn,
                fanout,
                nOut,
                activity,
                steps,
                repeats,
                loadBefore);
        List<Outcome> out =
                run(
                        nIn,
                        nOut,
                        fanout,
                        activity,
                        steps,
                        warmup,
                        seed,
                        variants,
                        repeats,
                        (r, v, e) ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  rep %d %-18s %8.1f M events/s%n",
                                        r,
                                        v.label(),
                                        e / 1e6));
        String loadAfter = loadAverage();
        StringBuilder json =
                new StringBuilder(
                        "{\"n_in\":"
                                + nIn
                                + ",\"n_out\":"
                                + nOut
                                + ",\"fanout\":"
                                + fanout
                                + ",\"activity\":"
                                + activity
                                + ",\"steps\":"
                                + steps
                                + ",\"repeat\":"
                                + repeats
                                + ",\"variants\":[");
        for (int v = 0; v < out.size(); v++) {
            Outcome o = out.get(v);
            System.out.printf(
                    Locale.ROOT,
                    "  %-18s median %8.1f M events/s, %.3f bytes/synapse%n",
                    o.variant().label(),
                    o.median() / 1e6,
                    o.synapseBytes() / (double) o.synapses());
            json.append(v == 0 ? "" : ",")
                    .append("{\"threads\":")
                    .append(o.variant().threads())
                    .append(",\"kernel\":\"")
                    .append(o.variant().kernel().name().toLowerCase(Locale.ROOT))
                    .append("\",\"median_events_per_s\":")
                    .append(o.median())
                    .append(",\"events_per_s\":")
                    .append(Arrays.toString(o.eventsPerSecond()).replace(" ", ""))
                    .append(",\"events\":")
                    .append(o.events())
                    .append(",\"synapses\":")
                    .append(o.synapses())
                    .append(",\"bytes_per_synapse\":")
                    .append(o.synapseBytes() / (double) o.synapses())
                    .append('}');
        }
        if (out.size() >= 2) {
            System.out.printf(
                    Locale.ROOT,
                    "  median ratio %s / %s = %.3f%n",
                    out.get(1).variant().label(),
                    out.get(0).variant().label(),
                    out.get(1).median() / out.get(0).median());
        }
        System.out.println("  load after: " + loadAfter);
        json.append("],\"loadavg_before\":\"")
                .append(loadBefore)
                .append("\",\"loadavg_after\":\"")
                .append(loadAfter)
                .append("\",\"available_processors\":")
                .append(Runtime.getRuntime().availableProcessors())
                .append('}');
        System.out.println(json);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unavailable";
        }
    }
}
