package dev.spikeforge.artifact;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.nio.file.Path;

/** The protobuf JSON mapping of artifacts: what `inspect` prints and `convert` reads back. */
public final class JsonForm {
    private JsonForm() {}

    public static String toJson(Message message) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses JSON of the given kind; unknown fields are errors, so a typo in a hand-written file is caught. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T fromJson(Path source, String json, ArtifactKind kind) {
        Message.Builder b = kind.newBuilder();
        try {
            JsonFormat.parser().merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new ArtifactException(source, ArtifactException.Problem.CORRUPT,
                    "not a valid " + kind.description() + " in JSON form: " + e.getMessage(), e);
        }
        return (T) b.build();
    }
}
