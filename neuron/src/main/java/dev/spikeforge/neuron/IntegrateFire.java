package dev.spikeforge.neuron;

import static dev.spikeforge.neuron.FixedPoint.*;

/**
 * Integrate-and-fire: no leak and no current register (u stays 0):
 *
 * <pre>
 *   v = clip(±(2²³−1), v + wrap24(a &lt;&lt; 6) + bias)
 * </pre>
 *
 * then threshold, reset and refractory period as {@link Firing} says. As far as v and spikes go
 * this is {@link CubaLif} with du = 4095 and dv = 0, without the decay multiplies.
 */
public final class IntegrateFire extends FixedNeuron {

    public IntegrateFire(Firing firing) {
        super(firing);
    }

    @Override
    void integrate(int[] u, int[] v, int[] io, int ioBase, int[] bias, int from, int to) {
        for (int n = from; n < to; n++) {
            int i = n - ioBase;
            io[i] =
                    clipVoltage(
                            (long) v[n]
                                    + wrapCurrent(io[i] << ACT_SHIFT)
                                    + (bias == null ? 0 : bias[n]));
        }
    }

    @Override
    public String toString() {
        return "IntegrateFire[" + firing() + "]";
    }
}
