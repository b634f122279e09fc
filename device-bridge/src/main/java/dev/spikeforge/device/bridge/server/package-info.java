/**
 * The TCP server of the device protocol: connection handling and backpressure, handshake and
 * tokens, the session state machine, replay for resume, memory budget, uploads and metrics. Chips
 * are reached only through {@code bridge.device}, never the simulator directly.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.client}, {@code
 * dev.spikeforge.device.bridge.bench}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.device.bridge.server;
