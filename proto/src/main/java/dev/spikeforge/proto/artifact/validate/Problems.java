package dev.spikeforge.proto.artifact.validate;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with one artifact, each problem naming the field and the constraint. Every check
 * takes its value in long (unsigned protobuf integers converted first), so a value cannot pass by
 * overflowing on the way. Keeps the first {@value #KEEP} problems and counts the rest, so a file
 * with a million bad weights gives a readable message.
 */
public final class Problems {
    static final int KEEP = 20;
    private final List<String> kept = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private int count;

    /**
     * {@code where} names the field (or layer) at fault; {@code problem} says what is wrong with
     * it.
     */
    public void add(String where, String problem) {
        count++;
        if (kept.size() < KEEP) {
            kept.add(where.isEmpty() ? problem : where + ": " + problem);
            fields.add(where);
        }
    }

    /**
     * {@code field} names the field, {@code predicate} says what is wrong: "layer 0: size" + "is 0,
     * outside 1..8".
     */
    public void field(String field, String predicate) {
        count++;
        if (kept.size() < KEEP) {
            kept.add(field + " " + predicate);
            fields.add(field);
        }
    }

    /** Whether {@code value} is in [min, max]; else records "field is V, outside min..max". */
    public boolean range(String field, long value, long min, long max) {
        if (value >= min && value <= max) return true;
        field(field, "is " + value + ", outside " + min + ".." + max);
        return false;
    }

    /**
     * A protobuf uint32 (read by Java as a signed int) checked as the unsigned number the file
     * holds.
     */
    public boolean unsigned(String field, int raw, long min, long max) {
        return range(field, Integer.toUnsignedLong(raw), min, max);
    }

    /** A finite double in [min, max] (NaN and infinities fail). */
    public boolean finite(String field, double value, double min, double max) {
        if (value >= min && value <= max) return true;
        field(
                field,
                "is "
                        + value
                        + ", "
                        + (Double.isNaN(value) || Double.isInfinite(value)
                                ? "not a finite number"
                                : "outside " + min + ".." + max));
        return false;
    }

    /** A list that must hold {@code expected} entries (long arithmetic: sizes multiply). */
    public boolean count(String field, long actual, long expected, String why) {
        if (actual == expected) return true;
        field(field, "has " + actual + " entries, expected " + expected + " (" + why + ")");
        return false;
    }

    /** An enum value this version knows (a binary file may carry a number no name stands for). */
    public boolean known(String field, ProtocolMessageEnum value, int number) {
        try {
            value.getNumber();
            return true;
        } catch (IllegalArgumentException unrecognized) {
            field(field, "is " + number + ", not a value this version knows");
            return false;
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    /** The problems kept, in the order found. */
    public List<String> list() {
        return List.copyOf(kept);
    }

    /** The field (or place) of each problem kept, aligned with {@link #list()}. */
    public List<String> fields() {
        return List.copyOf(fields);
    }

    /** One line per problem kept, then how many more there were. */
    public String describe() {
        String s = "\n  - " + String.join("\n  - ", kept);
        return count > kept.size() ? s + "\n  - ... and " + (count - kept.size()) + " more" : s;
    }
}
