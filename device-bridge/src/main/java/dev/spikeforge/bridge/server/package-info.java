/**
 * The TCP server of the device protocol: connection handling and backpressure, handshake and tokens, the session state
 * machine, replay for resume, memory budget, uploads and metrics. Chips are reached only through
 * {@code bridge.device}, never the simulator directly.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge.client}, {@code dev.spikeforge.bridge.bench},
 * {@code dev.spikeforge.sim}.
 */
package dev.spikeforge.bridge.server;
