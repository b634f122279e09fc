/**
 * What server, client and device adapters share: the protocol constants ({@link dev.spikeforge.bridge.BridgeProtocol},
 * docs/protocol.md, the default port {@code DEFAULT_PORT} = 7471 included), the exceptions a caller sees, and small
 * built-in networks to exercise a device. The subpackages build on it, not the other way round.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge.bench}, {@code dev.spikeforge.bridge.client},
 * {@code dev.spikeforge.bridge.codec}, {@code dev.spikeforge.bridge.device}, {@code dev.spikeforge.bridge.server},
 * {@code dev.spikeforge.bridge.tls}, {@code dev.spikeforge.sim}.
 */
package dev.spikeforge.bridge;
