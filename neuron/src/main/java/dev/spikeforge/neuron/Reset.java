package dev.spikeforge.neuron;

/** What happens to the membrane potential after a spike. */
public enum Reset {
    /** v = 0. */
    TO_ZERO,
    /** v = v - threshold. */
    BY_SUBTRACTION
}
