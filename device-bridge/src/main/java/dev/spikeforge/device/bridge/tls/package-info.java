/**
 * TLS contexts on the JDK's implementation for both ends, and the check that a private key matches
 * its certificate. Used by client and server; knows neither.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge.client}, {@code
 * dev.spikeforge.device.bridge.server}, {@code dev.spikeforge.device.bridge.codec}, {@code
 * dev.spikeforge.device.bridge.device}.
 */
package dev.spikeforge.device.bridge.tls;
