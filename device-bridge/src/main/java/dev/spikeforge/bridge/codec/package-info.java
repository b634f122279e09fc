/**
 * The wire framing both ends share: varint32 length prefixes, the frame codec, mapping pipeline exceptions to protocol
 * error codes, and a compiled network's artifact bytes. Codecs do not depend on the handlers that use them.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge.client}, {@code dev.spikeforge.bridge.server},
 * {@code dev.spikeforge.bridge.device}, {@code dev.spikeforge.bridge.bench}.
 */
package dev.spikeforge.bridge.codec;
