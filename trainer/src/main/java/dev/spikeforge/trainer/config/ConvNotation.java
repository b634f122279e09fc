package dev.spikeforge.trainer.config;

import dev.spikeforge.trainer.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conv layers written "16x5", "16x5p2" or "16x3p1s2": channels x kernel, optional padding, optional
 * stride. A stride-1 layer is followed by 2x2 sum pooling; a strided one is not: its stride already
 * shrinks the map, and chips without pooling layers take it as it is. Errors name the setting
 * "conv".
 */
public final class ConvNotation {
    private static final Pattern SPEC = Pattern.compile("(\\d+)x(\\d+)(?:p(\\d+))?(?:s(\\d+))?");

    private ConvNotation() {}

    public static LayerSpec.Conv parse(String s) {
        Matcher m = SPEC.matcher(s.trim());
        if (!m.matches())
            throw new ConfigException(
                    "conv", "'" + s + "' is not CxK[pP][sS] (e.g. 16x5, 16x5p2 or 16x3p1s2)");
        int stride = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        return new LayerSpec.Conv(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                stride,
                stride > 1 ? 1 : 2);
    }

    /** Each of the specs, in order. */
    public static List<LayerSpec> parseAll(String... specs) {
        List<LayerSpec> layers = new ArrayList<>();
        for (String s : specs) layers.add(parse(s));
        return layers;
    }

    /** A comma-separated list, as {@link TrainingDefaults#CONV_LAYERS}. */
    public static List<LayerSpec> parseList(String specs) {
        return parseAll(specs.split(","));
    }
}
