package dev.spikeforge.proto.artifact;

import com.google.protobuf.Message;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The kinds of Spikeforge artifact files; each starts with its own four magic bytes. */
public enum ArtifactKind {
    TRAINED_NETWORK("SFTN", "trained network", TrainedNetwork::newBuilder),
    COMPILED_NETWORK("SFCN", "compiled network", CompiledNetwork::newBuilder);

    private final byte[] magic;
    private final String description;
    private final Supplier<Message.Builder> builder;

    ArtifactKind(String magic, String description, Supplier<Message.Builder> builder) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.description = description;
        this.builder = builder;
    }

    public byte[] magic() {
        return magic.clone();
    }

    public String description() {
        return description;
    }

    public Message.Builder newBuilder() {
        return builder.get();
    }

    static ArtifactKind byMagic(byte[] bytes) {
        for (ArtifactKind k : values()) {
            if (bytes.length >= 4
                    && bytes[0] == k.magic[0]
                    && bytes[1] == k.magic[1]
                    && bytes[2] == k.magic[2]
                    && bytes[3] == k.magic[3]) {
                return k;
            }
        }
        return null;
    }

    public static ArtifactKind of(Message message) {
        if (message instanceof TrainedNetwork) return TRAINED_NETWORK;
        if (message instanceof CompiledNetwork) return COMPILED_NETWORK;
        throw new IllegalArgumentException(
                "not an artifact message: " + message.getDescriptorForType().getFullName());
    }
}
