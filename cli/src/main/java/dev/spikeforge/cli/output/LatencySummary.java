package dev.spikeforge.cli.output;

import dev.spikeforge.proto.Pacing;
import dev.spikeforge.runtime.sim.cost.ChipClock;
import dev.spikeforge.runtime.sim.cost.TimingReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Prints how long a run took on the chip and gives its JSON fields (latency_s, step_time_s,
 * bottleneck, ...).
 */
public final class LatencySummary {
    private LatencySummary() {}

    /**
     * @param layerName name of layer l, for the bottleneck and overloads
     */
    public static void print(Consumer<String> say, TimingReport t, IntFunction<String> layerName) {
        double[] band = t.latencyBandPerInference();
        String per = t.inferences() > 1 ? " per inference" : "";
        say.accept(
                String.format(
                        "latency%s: %s [%s, %s] on the chip (%s; %d steps, step %s / %s / %s min /"
                                + " mean / max), %.4g inferences/s",
                        per,
                        seconds(t.latencyPerInference()),
                        seconds(band[0]),
                        seconds(band[1]),
                        t.pacing() == Pacing.PACED ? "paced" : "free-running",
                        t.steps(),
                        seconds(t.minStepSeconds()),
                        seconds(t.meanStepSeconds()),
                        seconds(t.maxStepSeconds()),
                        t.throughput()));
        if (t.bottleneckCore() != TimingReport.NONE) {
            say.accept(
                    String.format(
                            "  bottleneck: %s, the busiest in %d of %d steps",
                            where(t, layerName), t.bottleneckSteps(), t.steps()));
        }
        if (t.overloads() > 0) {
            ChipClock.Overload o = t.overloadExamples().get(0);
            say.accept(
                    String.format(
                            "  OVERLOAD: %d core-steps needed more than the %s step, first core %d"
                                    + " (layer %s) on step %d: %s",
                            t.overloads(),
                            seconds(o.periodSeconds()),
                            o.core(),
                            layerName.apply(o.layer()),
                            o.step(),
                            seconds(o.busySeconds())));
        }
    }

    public static void put(
            Map<String, Object> result, TimingReport t, IntFunction<String> layerName) {
        result.put("latency_s", t.latencyPerInference());
        result.put("latency_band_s", t.latencyBandPerInference());
        result.put("chip_time_s", t.chipSeconds());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("min", t.minStepSeconds());
        step.put("mean", t.meanStepSeconds());
        step.put("max", t.maxStepSeconds());
        result.put("step_time_s", step);
        result.put("throughput_inferences_per_s", t.throughput());
        result.put("pacing", t.pacing() == Pacing.PACED ? "paced" : "free-running");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(
                "core",
                t.bottleneckCore() == TimingReport.NONE
                        ? null
                        : t.bottleneckCore() == TimingReport.HOST ? "host" : t.bottleneckCore());
        b.put("layer", t.bottleneckCore() < 0 ? null : layerName.apply(t.bottleneckLayer()));
        b.put("steps", t.bottleneckSteps());
        result.put("bottleneck", b);
        List<Map<String, Object>> examples = new ArrayList<>();
        for (ChipClock.Overload o : t.overloadExamples()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("core", o.core());
            m.put("layer", layerName.apply(o.layer()));
            m.put("step", o.step());
            m.put("busy_s", o.busySeconds());
            m.put("period_s", o.periodSeconds());
            examples.add(m);
        }
        result.put("overloads", Map.of("count", t.overloads(), "examples", examples));
    }

    /** The bottleneck in words: "core 3 (layer hidden0)" or "the host sending input". */
    public static String where(TimingReport t, IntFunction<String> layerName) {
        if (t.bottleneckCore() == TimingReport.HOST) return "the host sending input";
        if (t.bottleneckCore() == TimingReport.NONE) return "none";
        return "core "
                + t.bottleneckCore()
                + " (layer "
                + layerName.apply(t.bottleneckLayer())
                + ")";
    }

    /**
     * A device's chip time (value, low, high) over {@code inferences}: all a device reports of its
     * timing.
     */
    public static void printChipTime(Consumer<String> say, double[] chip, long inferences) {
        long n = Math.max(1, inferences);
        say.accept(
                String.format(
                        "latency%s: %s [%s, %s] on the chip, %.4g inferences/s",
                        n > 1 ? " per inference" : "",
                        seconds(chip[0] / n),
                        seconds(chip[1] / n),
                        seconds(chip[2] / n),
                        chip[0] == 0 ? 0 : n / chip[0]));
    }

    public static void putChipTime(Map<String, Object> result, double[] chip, long inferences) {
        long n = Math.max(1, inferences);
        result.put("latency_s", chip[0] / n);
        result.put("latency_band_s", new double[] {chip[1] / n, chip[2] / n});
        result.put("chip_time_s", chip[0]);
        result.put("throughput_inferences_per_s", chip[0] == 0 ? 0 : n / chip[0]);
    }

    /** Seconds with an SI prefix, e.g. 12.3 µs. */
    public static String seconds(double s) {
        double a = Math.abs(s);
        if (a == 0) return "0 s";
        String[] p = {"s", "ms", "µs", "ns", "ps"};
        int k = 0;
        while (a < 1 && k < p.length - 1) {
            a *= 1000;
            s *= 1000;
            k++;
        }
        return String.format("%.3g %s", s, p[k]);
    }
}
