package dev.spikeforge.runtime.sim.chip;

/** One spike: neuron {@code neuron} fired on step {@code step}. */
public record SpikeEvent(int step, int neuron) {
    @Override
    public String toString() {
        return "[" + step + ", " + neuron + "]";
    }
}
