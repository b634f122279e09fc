/** Compiled versus float: the float reference run, the accuracy check on a validation slice, measured spike rates. */
package dev.spikeforge.compiler.validate;
