/**
 * Lava-dl netx files both ways: {@link dev.spikeforge.netx.NetxExporter} writes a compiled network
 * whose processes carry its numbers exactly, {@link dev.spikeforge.netx.NetxImporter} reads one
 * back as a compiled network, and {@link dev.spikeforge.netx.NetxCompile} compiles a trained model
 * into that form. Works on the in-memory form; the HDF5 file layer ({@code netx.hdf5}) is separate.
 *
 * <p>Must not depend on: {@code dev.spikeforge.netx.hdf5}, {@code dev.spikeforge.device.bridge},
 * {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.netx;
