/** Float to Loihi fixed-point conversion: weight scale and exponent, threshold, bias and decay registers. */
package dev.spikeforge.compiler.quantize;
