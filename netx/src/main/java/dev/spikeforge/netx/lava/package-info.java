/**
 * Lava's own arithmetic, step by step as lava-dl computes it: dense weights as Lava holds them and
 * conv layers as explicit synapses, so the importer can reproduce what Lava builds. Independent of
 * Spikeforge's compiler.
 *
 * <p>Must not depend on: {@code dev.spikeforge.netx.mapping}, {@code dev.spikeforge.netx.hdf5},
 * {@code dev.spikeforge.compiler}, {@code dev.spikeforge.runtime.sim}, {@code
 * dev.spikeforge.neuron}.
 */
package dev.spikeforge.netx.lava;
