/**
 * Encoding images into the first layer's input — direct, rate, latency, sequential — identical to
 * what the simulator and devices see, and batching it into the engine's layout (in the background
 * for rate coding).
 *
 * <p>Must not depend on: {@code dev.spikeforge.trainer.train}, {@code dev.spikeforge.trainer.loss},
 * {@code dev.spikeforge.trainer.optim}.
 */
package dev.spikeforge.trainer.input;
