/**
 * The host side of the device protocol: {@link dev.spikeforge.device.bridge.client.DeviceClient}
 * (blocking and pipelined requests, reconnect and session resume), its options and retry policy,
 * the in-flight window, and classifying a sample on a device as the simulator's {@code
 * SampleRunner} does. It knows the server only through the wire.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.server}, {@code
 * dev.spikeforge.device.bridge.bench}.
 */
package dev.spikeforge.device.bridge.client;
