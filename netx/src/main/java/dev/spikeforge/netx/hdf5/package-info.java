/**
 * Reading and writing netx files as HDF5, with the groups, names and dtypes lava-dl uses. Knows the
 * file format, not how networks are converted.
 *
 * <p>Must not depend on: {@code dev.spikeforge.netx.mapping}, {@code dev.spikeforge.netx.lava},
 * {@code dev.spikeforge.compiler}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.netx.hdf5;
