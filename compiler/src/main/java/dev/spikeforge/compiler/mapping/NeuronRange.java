package dev.spikeforge.compiler.mapping;

/** Neurons [begin, end) of one layer, held by one core. */
public record NeuronRange(int begin, int end) {
    public int count() {
        return end - begin;
    }
}
