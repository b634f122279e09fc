package dev.spikeforge.proto.artifact.validate;

import com.google.protobuf.Message;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedNetwork;

/**
 * The one check of an artifact's numbers that every reader applies (artifact files and their JSON
 * form as they are read, the simulator and the device server before they lay a network out, the
 * compiler before it compiles): every numeric field of a trained or compiled network and of the
 * profile embedded in it is range-checked in wide arithmetic against docs/compiled-network.md, and
 * shapes and counts are checked against each other. A network that passes can be run without any
 * value overflowing or being read as something else.
 */
public final class ArtifactValidator {
    private ArtifactValidator() {}

    /** Every problem of the artifact (empty when valid). */
    public static Problems check(Message artifact) {
        Problems p = new Problems();
        if (artifact instanceof CompiledNetwork c) CompiledNetworkRules.check(c, p);
        else if (artifact instanceof TrainedNetwork t) TrainedNetworkRules.check(t, p);
        else
            throw new IllegalArgumentException(
                    "not an artifact message: " + artifact.getDescriptorForType().getFullName());
        return p;
    }

    /**
     * Returns the artifact when valid; else throws an {@link InvalidArtifactException} listing
     * every problem.
     */
    public static <T extends Message> T requireValid(T artifact) {
        Problems p = check(artifact);
        if (!p.isEmpty()) throw new InvalidArtifactException(describe(artifact), p);
        return artifact;
    }

    private static String describe(Message m) {
        if (m instanceof CompiledNetwork c) return "compiled network '" + c.getName() + "'";
        if (m instanceof TrainedNetwork t) return "trained network '" + t.getName() + "'";
        return m.getDescriptorForType().getName();
    }
}
