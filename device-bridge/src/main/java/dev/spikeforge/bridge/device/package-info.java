/**
 * The chip behind a session in protocol terms: {@link dev.spikeforge.bridge.device.ChipDevice},
 * {@link dev.spikeforge.bridge.device.AdapterDevice} around a {@link dev.spikeforge.bridge.device.ChipAdapter} (a
 * board driver or the bit-exact simulator), and counters and costs in their wire form. Knows no networking.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge.server}, {@code dev.spikeforge.bridge.client},
 * {@code dev.spikeforge.bridge.codec}, {@code dev.spikeforge.bridge.bench}.
 */
package dev.spikeforge.bridge.device;
