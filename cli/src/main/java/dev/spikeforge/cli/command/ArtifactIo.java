package dev.spikeforge.cli.command;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import dev.spikeforge.artifact.ArtifactException;
import dev.spikeforge.artifact.ArtifactFiles;
import dev.spikeforge.artifact.ArtifactKind;
import dev.spikeforge.artifact.JsonForm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads an artifact given either as a binary artifact file or as its JSON form. */
final class ArtifactIo {
    private ArtifactIo() {}

    static boolean looksLikeJson(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1) {
                if (!Character.isWhitespace(c)) return c == '{';
            }
            return false;
        }
    }

    /** Compiled-network JSON is recognized by fields only it has; everything else is taken as a trained network. */
    static ArtifactKind guessJsonKind(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        for (String k : new String[]{"profile", "cores", "routes", "inputSize", "input_size", "report"}) {
            if (o.has(k)) return ArtifactKind.COMPILED_NETWORK;
        }
        return ArtifactKind.TRAINED_NETWORK;
    }

    static Message load(Path file, ArtifactKind kind) throws IOException {
        if (!Files.exists(file)) throw new ArtifactException(file, ArtifactException.Problem.MISSING, "no such file.");
        if (looksLikeJson(file)) {
            String json = Files.readString(file);
            ArtifactKind k = kind != null ? kind : guessJsonKind(json);
            return JsonForm.fromJson(file, json, k);
        }
        return kind == null ? ArtifactFiles.readAny(file) : ArtifactFiles.read(file, kind);
    }
}
