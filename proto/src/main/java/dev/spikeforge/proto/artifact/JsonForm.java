package dev.spikeforge.proto.artifact;

import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.spikeforge.proto.artifact.validate.ArtifactValidator;
import dev.spikeforge.proto.artifact.validate.InvalidArtifactException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

/** The protobuf JSON mapping of artifacts: what `inspect` prints and `convert` reads back. */
public final class JsonForm {
    private JsonForm() {}

    public static String toJson(Message message) {
        try {
            return JsonFormat.printer()
                    .preservingProtoFieldNames()
                    .alwaysPrintFieldsWithNoPresence()
                    .print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses JSON of the given kind: exactly one JSON object (anything after it is an error, as is
     * any JSON extension such as comments or unquoted names), unknown fields are errors (a typo in
     * a hand-written file is caught), and the result must pass {@link ArtifactValidator}.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T fromJson(Path source, String json, ArtifactKind kind) {
        Message m = parseUnvalidated(source, json, kind);
        try {
            return (T) ArtifactValidator.requireValid(m);
        } catch (InvalidArtifactException e) {
            throw new ArtifactException(
                    source, ArtifactException.Problem.INVALID, e.getMessage(), e);
        }
    }

    /**
     * Parses JSON of the given kind as strictly as {@link #fromJson} but without validating the
     * result: for a deliberately partial record (such as one with its weights left out) that the
     * caller completes and validates.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T parseUnvalidated(
            Path source, String json, ArtifactKind kind) {
        requireOneStrictDocument(source, json);
        Message.Builder b = kind.newBuilder();
        try {
            JsonFormat.parser().merge(json, b);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ArtifactException(
                    source,
                    ArtifactException.Problem.CORRUPT,
                    "not a valid " + kind.description() + " in JSON form: " + e.getMessage(),
                    e);
        }
        return (T) b.build();
    }

    /**
     * Checks that {@code json} is one JSON value in strict syntax, without building it (protobuf's
     * own parser, which then reads it, is lenient and stops after the first value); the error names
     * the line and column.
     */
    static void requireOneStrictDocument(Path source, String json) {
        String problem = strictProblem(json);
        if (problem != null)
            throw new ArtifactException(source, ArtifactException.Problem.CORRUPT, problem);
    }

    /**
     * Null when {@code json} is exactly one JSON value in strict syntax, else what is wrong and
     * where ("not valid JSON: ..."). For every JSON input read with protobuf's parser (artifacts
     * here, chip profiles in the compiler).
     */
    public static String strictProblem(String json) {
        JsonReader r = new JsonReader(new StringReader(json));
        r.setStrictness(Strictness.STRICT);
        try {
            r.skipValue();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return "not valid JSON: " + gsonMessage(e);
        }
        boolean more;
        try {
            more = r.peek() != JsonToken.END_DOCUMENT;
        } catch (IOException | RuntimeException e) {
            more = true;
        }
        return more
                ? "not valid JSON: unexpected content after the JSON object, at " + position(r)
                : null;
    }

    /**
     * Gson's reason without its advice to parse leniently and its link ("... at line 3 column 5
     * path $.layers").
     */
    private static String gsonMessage(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int see = m.indexOf("\nSee ");
        if (see >= 0) m = m.substring(0, see);
        return m.replace(
                        "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON"
                                + " ",
                        "malformed JSON ")
                .strip();
    }

    private static String position(JsonReader r) {
        String s = r.toString(); // "JsonReader at line L column C path $"
        int at = s.indexOf(" at ");
        return at < 0 ? s : s.substring(at + 4);
    }
}
