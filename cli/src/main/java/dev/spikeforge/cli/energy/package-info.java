/**
 * {@code energy --profiles}: compiling one network for each chip profile and running it on the
 * simulated chip, one {@link dev.spikeforge.cli.energy.ProfileRow} per profile.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli.command}, {@code dev.spikeforge.device.bridge},
 * {@code dev.spikeforge.trainer}.
 */
package dev.spikeforge.cli.energy;
