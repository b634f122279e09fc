/**
 * NIR graphs to and from Spikeforge networks: the import's two passes (matching layers, then
 * converting parameters), neuron mapping by forward Euler, reset rules by NIR version, the fidelity
 * table, and the export of trained or compiled networks. Works on graphs in memory; compiler,
 * simulator and trainer are test-only dependencies of this module.
 *
 * <p>Must not depend on: {@code dev.spikeforge.nir.hdf5}, {@code dev.spikeforge.compiler}, {@code
 * dev.spikeforge.runtime.sim}, {@code dev.spikeforge.trainer}.
 */
package dev.spikeforge.nir.convert;
