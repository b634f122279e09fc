package dev.spikeforge.runtime.sim.chip;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.ArtifactReader;
import dev.spikeforge.proto.artifact.JsonForm;
import dev.spikeforge.proto.artifact.KnownFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loads a compiled network from an artifact file (.sfc) or its JSON form, or from a classpath
 * resource.
 */
public final class NetworkFiles {
    public static final String CLASSPATH = "classpath:";

    private NetworkFiles() {}

    /**
     * The same reader the command line uses: size limits, then the checksum or strict JSON, then
     * the validator.
     */
    public static CompiledNetwork load(Path file) {
        return (CompiledNetwork) ArtifactReader.read(file, ArtifactKind.COMPILED_NETWORK);
    }

    /** {@code classpath:path/in/resources.json} or a file path. */
    public static CompiledNetwork load(String location, ClassLoader loader) {
        if (!location.startsWith(CLASSPATH)) return load(Path.of(location));
        String res = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
        try (InputStream in = loader.getResourceAsStream(res)) {
            if (in == null)
                throw new IllegalArgumentException(
                        location + ": no such resource on the class path");
            return decode(Path.of(res), in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static CompiledNetwork decode(Path name, byte[] bytes) {
        int i = KnownFiles.bomLength(bytes, bytes.length);
        while (i < bytes.length && Character.isWhitespace(bytes[i])) i++;
        if (i < bytes.length && bytes[i] == '{') {
            return JsonForm.fromJson(
                    name,
                    new String(bytes, i, bytes.length - i, StandardCharsets.UTF_8),
                    ArtifactKind.COMPILED_NETWORK);
        }
        return (CompiledNetwork) ArtifactFiles.decode(name, bytes, ArtifactKind.COMPILED_NETWORK);
    }
}
