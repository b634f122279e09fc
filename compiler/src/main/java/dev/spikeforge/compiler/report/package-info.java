/** The quantization and utilization report of a compiled network. */
package dev.spikeforge.compiler.report;
