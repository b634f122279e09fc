/** Compiles trained float networks for neuromorphic chips; start at {@link dev.spikeforge.compiler.Compiler}. */
package dev.spikeforge.compiler;
