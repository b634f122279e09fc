/**
 * What server, client and device adapters share: the protocol constants ({@link
 * dev.spikeforge.device.bridge.BridgeProtocol}, docs/protocol.md, the default port {@code
 * DEFAULT_PORT} = 7471 included), the exceptions a caller sees, and small built-in networks to
 * exercise a device. The subpackages build on it, not the other way round.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.bench}, {@code
 * dev.spikeforge.device.bridge.client}, {@code dev.spikeforge.device.bridge.codec}, {@code
 * dev.spikeforge.device.bridge.device}, {@code dev.spikeforge.device.bridge.server}, {@code
 * dev.spikeforge.device.bridge.tls}, {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.device.bridge;
