package dev.spikeforge.compiler.profile;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.spikeforge.proto.ChipProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Chip profiles are data: protobuf JSON of {@link ChipProfile}, shipped under {@code profiles/} on
 * the classpath (listed in {@code profiles/index.txt}) or written by a user. Every loaded profile
 * is validated.
 */
public final class ChipProfiles {
    public static final String DEFAULT = "loihi1";
    private static final String DIR = "profiles/";

    private ChipProfiles() {}

    /**
     * Names of the profiles shipped with the compiler, in the order of {@code profiles/index.txt}.
     */
    public static List<String> shippedNames() {
        String index = readResource(DIR + "index.txt");
        if (index == null)
            throw new IllegalStateException(
                    "profiles/index.txt is missing from the compiler's classpath");
        return Arrays.stream(index.split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#"))
                .toList();
    }

    public static ChipProfile loadDefault() {
        return load(DEFAULT);
    }

    /**
     * A shipped profile by name (e.g. "loihi1"), else a JSON file by path. A name that is neither
     * says which profiles exist.
     */
    public static ChipProfile load(String nameOrPath) {
        if (shippedNames().contains(nameOrPath)) {
            String resource = DIR + nameOrPath + ".json";
            String json = readResource(resource);
            if (json == null)
                throw new IllegalStateException(
                        resource + " is listed in profiles/index.txt but missing");
            return parse(json, "shipped profile '" + nameOrPath + "'");
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ProfileException(
                    nameOrPath,
                    List.of(),
                    "no shipped chip profile has this name and no such file exists; shipped"
                            + " profiles: "
                            + String.join(", ", shippedNames()));
        }
        return load(file);
    }

    public static ChipProfile load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException(
                    file.toString(), List.of(), "cannot read: " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    /**
     * Parses and validates profile JSON; {@code source} names where it came from in error messages.
     */
    public static ChipProfile parse(String json, String source) {
        // Strictly one JSON object, as for artifacts: protobuf's parser alone would ignore what
        // follows it.
        String notJson = dev.spikeforge.proto.artifact.JsonForm.strictProblem(json);
        if (notJson != null) throw new ProfileException(source, List.of(), notJson);
        ChipProfile.Builder b = ChipProfile.newBuilder();
        try {
            JsonFormat.parser().merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw parseFailure(json, source, e);
        }
        return ProfileValidator.validate(b.build(), source);
    }

    /**
     * The JSON parser's message does not always say which field failed (e.g. "Not an uint32 value:
     * -3"), so each top-level field is parsed on its own to find the ones at fault.
     */
    private static ProfileException parseFailure(
            String json, String source, InvalidProtocolBufferException e) {
        List<String> fields = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Struct.Builder all = Struct.newBuilder();
        try {
            JsonFormat.parser().merge(json, all);
        } catch (InvalidProtocolBufferException notAnObject) {
            return new ProfileException(
                    source, List.of(), "not a JSON object: " + e.getMessage(), e);
        }
        for (Map.Entry<String, Value> field : all.getFieldsMap().entrySet()) {
            try {
                String one =
                        JsonFormat.printer()
                                .print(
                                        Struct.newBuilder()
                                                .putFields(field.getKey(), field.getValue()));
                JsonFormat.parser().merge(one, ChipProfile.newBuilder());
            } catch (InvalidProtocolBufferException fieldError) {
                fields.add(field.getKey());
                reasons.add("field '" + field.getKey() + "': " + fieldError.getMessage());
            }
        }
        String detail = reasons.isEmpty() ? e.getMessage() : String.join("; ", reasons);
        return new ProfileException(source, fields, "not a valid chip profile: " + detail, e);
    }

    private static String readResource(String name) {
        try (InputStream in = ChipProfiles.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
