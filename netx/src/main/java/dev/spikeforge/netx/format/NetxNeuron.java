package dev.spikeforge.netx.format;

import java.util.OptionalInt;

/**
 * A layer's {@code neuron} group: the compartment Lava builds. For {@code CUBA} (and the older name
 * {@code LOIHI}) Lava's {@code hdf5.Network} makes a bit-accurate LIF with {@code du = iDecay − 1},
 * {@code dv = vDecay}, {@code vth = vThMant}, {@code bias_exp = 6}; it does not read {@code
 * refDelay} (Lava's LIF has no refractory period) and reads {@code messageBits} for graded spikes.
 *
 * @param type compartment type, e.g. {@code CUBA}, {@code LOIHI}, {@code SDNN}
 * @param iDecay current decay; Lava's du is one less
 * @param vDecay voltage decay, Lava's dv
 * @param vThMant threshold mantissa; a neuron spikes when v &gt; vThMant &lt;&lt; 6
 * @param refDelay written for the record (lava-dl writes 1); not read by Lava
 * @param messageBits payload bits of a spike; absent or 0: binary spikes
 */
public record NetxNeuron(
        String type,
        int iDecay,
        int vDecay,
        int vThMant,
        OptionalInt refDelay,
        OptionalInt messageBits) {
    public static final String CUBA = "CUBA";

    /**
     * A CUBA neuron as Spikeforge writes it (refDelay 1, as lava-dl writes for no refractory
     * period).
     */
    public static NetxNeuron cuba(int iDecay, int vDecay, int vThMant) {
        return new NetxNeuron(
                CUBA, iDecay, vDecay, vThMant, OptionalInt.of(1), OptionalInt.empty());
    }

    /** The compartments Lava builds as a LIF (its {@code get_neuron_params} takes both names). */
    public boolean isCuba() {
        return type.equals(CUBA) || type.equals("LOIHI");
    }
}
