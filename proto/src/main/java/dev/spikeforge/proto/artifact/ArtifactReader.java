package dev.spikeforge.proto.artifact;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Message;
import dev.spikeforge.proto.artifact.validate.FormatLimits;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads an artifact given either as an artifact file or as its JSON form, telling them apart by the
 * first bytes. Every command and the simulator's file loader read networks through here, so they
 * accept and refuse the same files with the same messages.
 */
public final class ArtifactReader {
    /**
     * JSON is recognized by its first non-blank byte within this many bytes (a file of blanks is
     * not JSON).
     */
    private static final int SNIFF_BYTES = 64 << 10;

    /** Fields only a compiled network has: JSON with any of them at the top level is one. */
    private static final Set<String> COMPILED_ONLY =
            Set.of("profile", "cores", "routes", "inputSize", "input_size", "report");

    /** What was read, and whether it was the JSON form. */
    public record Loaded(Message message, boolean json) {}

    private ArtifactReader() {}

    /**
     * An artifact of {@code kind}, or of either kind when {@code kind} is null (JSON's kind is then
     * guessed).
     */
    public static Message read(Path file, ArtifactKind kind) {
        return load(file, kind).message();
    }

    public static Loaded load(Path file, ArtifactKind kind) {
        if (!isJson(file))
            return new Loaded(
                    kind == null ? ArtifactFiles.readAny(file) : ArtifactFiles.read(file, kind),
                    false);
        String json = readJsonText(file);
        ArtifactKind k = kind != null ? kind : guessKind(file, json);
        return new Loaded(JsonForm.fromJson(file, json, k), true);
    }

    /** Whether the file's first non-blank byte (after a UTF-8 byte-order mark) is '{'. */
    public static boolean isJson(Path file) {
        try (FileChannel ch = ArtifactFiles.openForReading(file)) {
            byte[] head = new byte[SNIFF_BYTES];
            int n = ArtifactFiles.readFully(ch, ByteBuffer.wrap(head));
            for (int i = KnownFiles.bomLength(head, n); i < n; i++) {
                if (!Character.isWhitespace(head[i])) return head[i] == '{';
            }
            return false;
        } catch (IOException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String readJsonText(Path file) {
        try {
            long size = Files.size(file);
            if (size > FormatLimits.MAX_JSON_BYTES) {
                throw new ArtifactException(
                        file,
                        ArtifactException.Problem.TOO_LARGE,
                        "a JSON form of "
                                + size
                                + " bytes is more than "
                                + FormatLimits.MAX_JSON_BYTES
                                + " bytes, the most read as JSON: not read. Use the artifact form"
                                + " (the compiler writes it).");
            }
            byte[] bytes = Files.readAllBytes(file);
            int bom = KnownFiles.bomLength(bytes, bytes.length);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ArtifactException(
                    file,
                    ArtifactException.Problem.CORRUPT,
                    "not valid JSON: the file is not UTF-8 text.",
                    e);
        } catch (IOException e) {
            throw new ArtifactException(
                    file, ArtifactException.Problem.IO, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads the top-level field names only (values are skipped, nothing is built). */
    private static ArtifactKind guessKind(Path file, String json) {
        JsonForm.requireOneStrictDocument(file, json);
        try {
            JsonReader r = new JsonReader(new StringReader(json));
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) return ArtifactKind.TRAINED_NETWORK;
            r.beginObject();
            while (r.hasNext()) {
                if (COMPILED_ONLY.contains(r.nextName())) return ArtifactKind.COMPILED_NETWORK;
                r.skipValue();
            }
            return ArtifactKind.TRAINED_NETWORK;
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(
                    file,
                    ArtifactException.Problem.CORRUPT,
                    "not valid JSON: " + e.getMessage(),
                    e);
        }
    }
}
