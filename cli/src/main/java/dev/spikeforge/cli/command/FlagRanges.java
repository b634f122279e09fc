package dev.spikeforge.cli.command;

import dev.spikeforge.proto.artifact.validate.FormatLimits;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The range of every numeric flag of every command, in one table, checked before a command runs: a
 * value outside it (or a NaN or infinite one) is a usage error naming the flag, the range and the
 * value, so no command runs with, say, {@code --steps -1} or {@code --port 70000}. The ranges of
 * artifact numbers (steps, weight bits) are the artifact validator's own {@link FormatLimits}. A
 * numeric flag missing here is a test failure (FlagRangesTest).
 */
final class FlagRanges {
    /** [min, max], or (min, max] when {@code minExclusive}. */
    record Range(double min, boolean minExclusive, double max) {
        static Range of(double min, double max) {
            return new Range(min, false, max);
        }

        static Range above(double min, double max) {
            return new Range(min, true, max);
        }

        boolean contains(double v) {
            return (minExclusive ? v > min : v >= min) && v <= max && !Double.isNaN(v);
        }

        String describe() {
            String hi = max >= Long.MAX_VALUE ? "" : " and at most " + number(max);
            return (minExclusive ? "> " : ">= ") + number(min) + hi;
        }

        private static String number(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
    }

    static final int MAX_THREADS = 1024;
    private static final double ANY = Long.MAX_VALUE;
    private static final double INT = Integer.MAX_VALUE;
    private static final double YEAR_S = 365 * 86_400;

    /**
     * By flag name; "command --flag" overrides for a command whose flag of the same name means
     * something else.
     */
    private static final Map<String, Range> RANGES =
            Map.ofEntries(
                    Map.entry("--steps", Range.of(1, FormatLimits.MAX_STEPS)),
                    Map.entry("--limit", Range.of(0, INT)),
                    Map.entry("--test-limit", Range.of(0, INT)),
                    Map.entry("--validate", Range.of(0, INT)),
                    Map.entry("--samples", Range.of(1, INT)),
                    Map.entry("--threads", Range.of(1, MAX_THREADS)),
                    // simulate cuts any count to the cores and says so: results do not depend on it
                    Map.entry("simulate --threads", Range.of(1, INT)),
                    Map.entry("--jobs", Range.of(1, MAX_THREADS)),
                    Map.entry("--retries", Range.of(0, 1000)),
                    Map.entry("--port", Range.of(0, 65535)),
                    Map.entry("--chips", Range.of(1, 65536)),
                    Map.entry("--idle-timeout", Range.of(0, YEAR_S)),
                    Map.entry("--request-timeout", Range.of(0, YEAR_S)),
                    Map.entry("--resume-timeout", Range.of(0, YEAR_S)),
                    Map.entry("--metrics-every", Range.of(0, YEAR_S)),
                    Map.entry("--weight-bits", Range.of(0, FormatLimits.MAX_WEIGHT_BITS)),
                    Map.entry("--seed", Range.of(Long.MIN_VALUE, ANY)),
                    Map.entry("--epochs", Range.of(1, 1_000_000)),
                    Map.entry("--spiking-epochs", Range.of(0, 1_000_000)),
                    Map.entry("--batch", Range.of(1, 1 << 20)),
                    Map.entry("--hidden", Range.of(1, FormatLimits.MAX_NEURONS)),
                    Map.entry("--blocks", Range.of(1, 1000)),
                    Map.entry("--lr", Range.above(0, 1e3)),
                    Map.entry("--lr-floor", Range.of(0, 1)),
                    Map.entry("--weight-decay", Range.of(0, 1e3)),
                    Map.entry("--clip", Range.of(0, 1e9)),
                    Map.entry("--loss-scale", Range.above(0, 1e9)),
                    Map.entry("--du", Range.of(0, 1)),
                    Map.entry("--dv", Range.of(0, 1)),
                    Map.entry("--readout-dv", Range.of(0, 1)),
                    Map.entry("--threshold", Range.above(0, 1e9)),
                    Map.entry("--dampening", Range.above(0, 1e9)),
                    Map.entry("--sharpness", Range.above(0, 1e9)),
                    Map.entry("--surrogate-sharpness", Range.above(0, 1e9)),
                    Map.entry("--tail-fatness", Range.above(0, 1e9)),
                    Map.entry("--init-gain", Range.above(0, 1e9)),
                    Map.entry("--augment-shift", Range.of(0, 1000)),
                    Map.entry("--sparsity-weight", Range.of(0, 1e9)),
                    Map.entry("--sparsity-target", Range.of(0, 1)),
                    Map.entry("--hybrid-levels", Range.of(1, 1 << 16)),
                    Map.entry("--gain", Range.of(0, 1e9)),
                    Map.entry("--latency-cutoff", Range.of(0, 1)),
                    Map.entry("--dropout", Range.of(0, 1)),
                    Map.entry("--chi-tolerance", Range.of(0, 1e9)),
                    Map.entry("--initial-rate", Range.of(0, 1)),
                    Map.entry("--target-accuracy", Range.of(0, 1)),
                    Map.entry("--target", Range.of(0, 1)),
                    Map.entry("--leak", Range.of(0, 1)),
                    Map.entry("--ann-mac-j", Range.of(0, 1)),
                    Map.entry("--dt", Range.above(0, 1e9)),
                    Map.entry("--sessions", Range.of(1, 4096)),
                    Map.entry("--events-per-step", Range.of(0, INT)),
                    Map.entry("--window", Range.of(1, 1 << 16)),
                    Map.entry("--warmup", Range.of(0, INT)),
                    Map.entry("--n-in", Range.of(1, FormatLimits.MAX_NEURONS)),
                    Map.entry("--n-out", Range.of(1, FormatLimits.MAX_NEURONS)),
                    Map.entry("--fanout", Range.of(1, FormatLimits.MAX_NEURONS)),
                    Map.entry("--activity", Range.of(0, 1)),
                    Map.entry("--neurons", Range.of(1, FormatLimits.MAX_NEURONS)),
                    Map.entry("--synapses", Range.of(0, ANY)),
                    Map.entry("--layers", Range.of(1, FormatLimits.MAX_LAYERS)));

    private FlagRanges() {}

    /** The range of {@code option} of {@code command}, or null when it has none. */
    static Range of(String command, String option) {
        Range r = RANGES.get(command + " " + option);
        return r != null ? r : RANGES.get(option);
    }

    /** Whether a flag takes numbers (alone or as a list), so it needs a range here. */
    static boolean numeric(OptionSpec o) {
        Class<?> t = o.type();
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            Class<?>[] aux = o.auxiliaryTypes();
            t = aux.length == 0 ? t : aux[0];
        }
        return Number.class.isAssignableFrom(t)
                || (t.isPrimitive() && t != boolean.class && t != char.class);
    }

    /** One value, a list or an array of them. */
    private static List<?> values(Object value) {
        if (value instanceof Collection<?> c) return List.copyOf(c);
        if (value.getClass().isArray()) {
            Object[] out = new Object[java.lang.reflect.Array.getLength(value)];
            for (int i = 0; i < out.length; i++) out[i] = java.lang.reflect.Array.get(value, i);
            return List.of(out);
        }
        return List.of(value);
    }

    /**
     * Checks every numeric flag of the command about to run; a value out of range is a usage error.
     */
    static void check(CommandLine cmd) {
        String name = cmd.getCommandName();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (!numeric(o)) continue;
            Object value = o.getValue();
            if (value == null) continue;
            Range r = of(name, o.longestName());
            if (r == null)
                throw new IllegalStateException(
                        o.longestName() + " of " + name + " has no range in FlagRanges");
            for (Object v : values(value)) {
                double d = ((Number) v).doubleValue();
                if (!r.contains(d)) {
                    throw new CommandLine.ParameterException(
                            cmd, o.longestName() + " must be " + r.describe() + ", got " + v);
                }
            }
        }
    }
}
