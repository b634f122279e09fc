/**
 * Reading and writing NIR files (HDF5, as NIR's Python library writes them) to and from the graph
 * model. Knows the file layout, not the conversion: of the proto module it uses only the atomic
 * file writes of {@code dev.spikeforge.proto.artifact.ArtifactFiles}, never the messages.
 *
 * <p>Must not depend on: {@code dev.spikeforge.nir.convert}.
 */
package dev.spikeforge.nir.hdf5;
