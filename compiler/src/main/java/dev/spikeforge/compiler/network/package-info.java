/** The compiler's validated view of a trained network. */
package dev.spikeforge.compiler.network;
