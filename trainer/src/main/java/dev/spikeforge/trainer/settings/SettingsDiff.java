package dev.spikeforge.trainer.settings;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.spikeforge.proto.TrainingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Which settings of two runs differ, field by field: what a resume checks. {@code threads} is left
 * out: it changes how fast a run trains, not what (different thread counts may sum in another
 * order, so the weights then match only closely), so a resume may change it, e.g. to use the cores
 * a run beside it freed.
 */
public final class SettingsDiff {
    private static final int SPEED_ONLY = TrainingSettings.THREADS_FIELD_NUMBER;

    private SettingsDiff() {}

    /**
     * "epochs was 3, now 4", "input.steps was 8, now 9", … for every differing field; empty when
     * the runs are the same.
     */
    public static List<String> diff(TrainingSettings then, TrainingSettings now) {
        List<String> diffs = new ArrayList<>();
        for (FieldDescriptor f : TrainingSettings.getDescriptor().getFields()) {
            if (f.getNumber() != SPEED_ONLY)
                diff(f.getName(), then.getField(f), now.getField(f), diffs);
        }
        return diffs;
    }

    /**
     * A part (a singular message) is compared field by field, so the message names the setting
     * itself.
     */
    private static void diff(String name, Object a, Object b, List<String> diffs) {
        if (a.equals(b)) return;
        if (a instanceof Message ma && b instanceof Message mb) {
            for (FieldDescriptor f : ma.getDescriptorForType().getFields()) {
                if (f.hasPresence() && !f.isRepeated() && ma.hasField(f) != mb.hasField(f)) {
                    diffs.add(
                            name
                                    + "."
                                    + f.getName()
                                    + " was "
                                    + (ma.hasField(f) ? text(ma.getField(f)) : "unset")
                                    + ", now "
                                    + (mb.hasField(f) ? text(mb.getField(f)) : "unset"));
                } else {
                    diff(name + "." + f.getName(), ma.getField(f), mb.getField(f), diffs);
                }
            }
        } else {
            diffs.add(name + " was " + text(a) + ", now " + text(b));
        }
    }

    private static String text(Object value) {
        if (value instanceof com.google.protobuf.MessageOrBuilder m)
            return "{" + TextFormat.shortDebugString(m) + "}";
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) items.add(text(o));
            return items.toString();
        }
        return String.valueOf(value);
    }
}
