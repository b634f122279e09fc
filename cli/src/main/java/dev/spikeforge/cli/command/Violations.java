package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Prints constraint violations for people (one line each) and for tools (a JSON list). */
final class Violations {
    /** Exit code of compile and check when the network does not fit. */
    static final int DOES_NOT_FIT = ExitCodes.DOES_NOT_FIT;

    private Violations() {}

    static void print(
            Consumer<String> say,
            String network,
            String profile,
            List<ConstraintViolation> violations) {
        say.accept(
                String.format(
                        "network '%s' does not fit %s: %d violation%s",
                        network, profile, violations.size(), violations.size() == 1 ? "" : "s"));
        for (ConstraintViolation v : violations) say.accept("  - " + v.describe());
    }

    static void put(JsonLine result, List<ConstraintViolation> violations) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConstraintViolation v : violations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", v.layer());
            m.put("constraint", v.constraint());
            m.put("needed", v.needed());
            m.put("available", v.available());
            m.put("hint", v.hint());
            list.add(m);
        }
        result.put("fits", violations.isEmpty()).put("violations", list);
    }
}
