package dev.spikeforge.cli.command;

import com.google.protobuf.Message;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.ArtifactReader;
import java.nio.file.Path;

/**
 * Loads an artifact given either as a binary artifact file or as its JSON form (see {@link
 * ArtifactReader}).
 */
final class ArtifactIo {
    private ArtifactIo() {}

    static Message load(Path file, ArtifactKind kind) {
        return ArtifactReader.read(file, kind);
    }
}
