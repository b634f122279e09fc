/** Hardware limits a network breaks, reported all at once. */
package dev.spikeforge.compiler.constraint;
