/** Partitioning layers into cores, placing cores on the mesh, and routing between them. */
package dev.spikeforge.compiler.mapping;
