/**
 * The wire framing both ends share: varint32 length prefixes, the frame codec, mapping pipeline
 * exceptions to protocol error codes, and a compiled network's artifact bytes. Codecs do not depend
 * on the handlers that use them.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.client}, {@code
 * dev.spikeforge.device.bridge.server}, {@code dev.spikeforge.device.bridge.device}, {@code
 * dev.spikeforge.device.bridge.bench}.
 */
package dev.spikeforge.device.bridge.codec;
