package dev.spikeforge.runtime.sim.engine;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.SynapseKind;
import dev.spikeforge.runtime.sim.cost.EventKind;

/**
 * Which synaptic-op cost a connection's synapses pay: the layer's stated storage kind, else the
 * profile's.
 */
final class SynapseKinds {
    private SynapseKinds() {}

    static EventKind of(CompiledLayer layer, ChipProfile profile, boolean recurrent) {
        SynapseKind k = layer.getSynapseKind();
        // A conv layer's own recurrent synapses (if any) are not a shared kernel: they take the
        // profile's storage.
        if (k == SynapseKind.SYNAPSES_FROM_PROFILE || (recurrent && k == SynapseKind.SYNAPSES_CONV))
            return fromProfile(profile);
        return switch (k) {
            case SYNAPSES_DENSE -> EventKind.SYNAPTIC_OP_DENSE;
            case SYNAPSES_SPARSE -> EventKind.SYNAPTIC_OP_SPARSE;
            case SYNAPSES_CONV -> EventKind.SYNAPTIC_OP_CONV;
            default ->
                    throw new IllegalArgumentException(
                            "layer '"
                                    + layer.getName()
                                    + "': unknown synapse_kind "
                                    + layer.getSynapseKindValue());
        };
    }

    private static EventKind fromProfile(ChipProfile p) {
        return switch (p.getSynapseStorage()) {
            case SPARSE_WEIGHTS -> EventKind.SYNAPTIC_OP_SPARSE;
            case KERNEL_MEMORY -> EventKind.SYNAPTIC_OP_CONV;
            default -> EventKind.SYNAPTIC_OP_DENSE;
        };
    }
}
