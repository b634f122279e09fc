/**
 * Chip profiles: shipped JSON data files, loading by name or path, and field validation (the
 * cost-model fields through the simulator's {@code sim.cost}).
 *
 * <p>Must not depend on: {@code dev.spikeforge.compiler.mapping}, {@code
 * dev.spikeforge.compiler.quantize}, {@code dev.spikeforge.compiler.validate}, {@code
 * dev.spikeforge.runtime.sim.engine}.
 */
package dev.spikeforge.compiler.profile;
