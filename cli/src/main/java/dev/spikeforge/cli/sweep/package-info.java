/**
 * {@code sweep}: a grid of surrogate shapes and learning rates trained cell by cell on a thread pool, each result
 * saved atomically as it ends so a killed sweep resumes, then the table and heat map.
 *
 * <p>Must not depend on: {@code dev.spikeforge.bridge}, {@code dev.spikeforge.compiler}, {@code dev.spikeforge.sim}.
 */
package dev.spikeforge.cli.sweep;
