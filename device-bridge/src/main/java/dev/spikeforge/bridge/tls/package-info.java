/**
 * TLS contexts on the JDK's implementation for both ends, and the check that a private key matches its certificate.
 * Used by client and server; knows neither.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge.client}, {@code dev.spikeforge.bridge.server},
 * {@code dev.spikeforge.bridge.codec}, {@code dev.spikeforge.bridge.device}.
 */
package dev.spikeforge.bridge.tls;
