/**
 * The NIR graph model: one immutable record per NIR primitive (Affine, Conv2d, LIF, CubaLIF, Delay,
 * ...), graphs, edges, arrays with their dtypes, and building nodes from the parameters a file
 * stores. Depends on nothing of the project: no conversion, no file format.
 *
 * <p>Must not depend on: {@code dev.spikeforge}.
 */
package dev.spikeforge.nir.graph;
