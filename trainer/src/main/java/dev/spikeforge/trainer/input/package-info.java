/**
 * Encoding images into the first layer's input — direct, rate, latency, sequential — identical to what the
 * simulator and devices see, and batching it into the engine's layout (in the background for rate coding).
 */
package dev.spikeforge.trainer.input;
