/**
 * {@code bench bridge}: a loopback server, several client sessions streaming seeded input, and
 * every reply checked against the in-process simulator afterwards. May use every part of the
 * bridge; nothing but the CLI uses it.
 *
 * <p>Must not depend on: {@code dev.spikeforge.cli}.
 */
package dev.spikeforge.device.bridge.bench;
