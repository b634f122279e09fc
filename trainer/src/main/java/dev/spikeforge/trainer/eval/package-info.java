/** Classification and activity counting (spikes, synaptic ops) of a network on a data set. */
package dev.spikeforge.trainer.eval;
