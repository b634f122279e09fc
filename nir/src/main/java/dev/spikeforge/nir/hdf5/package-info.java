/**
 * Reading and writing NIR files (HDF5, as NIR's Python library writes them) to and from the graph model. Knows the
 * file layout, not the conversion.
 *
 * <p>Must not depend on: {@code dev.spikeforge.nir.convert}, {@code dev.spikeforge.proto}.
 */
package dev.spikeforge.nir.hdf5;
