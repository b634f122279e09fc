/**
 * Running a network on a device for {@code deploy}: {@link
 * dev.spikeforge.cli.deploy.DeviceEvaluation} streams encoded samples over a {@code DeviceClient}
 * and collects accuracy, latency and energy. A deployment reaches a device only as a client of the
 * protocol.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.command}, {@code
 * dev.spikeforge.device.bridge.server}, {@code dev.spikeforge.compiler}, {@code
 * dev.spikeforge.trainer}.
 */
package dev.spikeforge.cli.deploy;
