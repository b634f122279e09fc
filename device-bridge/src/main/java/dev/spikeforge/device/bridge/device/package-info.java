/**
 * The chip behind a session in protocol terms: {@link
 * dev.spikeforge.device.bridge.device.ChipDevice}, {@link
 * dev.spikeforge.device.bridge.device.AdapterDevice} around a {@link
 * dev.spikeforge.device.bridge.device.ChipAdapter} (a board driver or the bit-exact simulator), and
 * counters and costs in their wire form. Knows no networking.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.server}, {@code
 * dev.spikeforge.device.bridge.client}, {@code dev.spikeforge.device.bridge.codec}, {@code
 * dev.spikeforge.device.bridge.bench}.
 */
package dev.spikeforge.device.bridge.device;
