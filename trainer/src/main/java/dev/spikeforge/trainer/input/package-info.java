/** Encoding images into the engine's input spikes, identical to what the simulator and devices see. */
package dev.spikeforge.trainer.input;
