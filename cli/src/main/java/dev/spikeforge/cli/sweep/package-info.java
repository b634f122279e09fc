/**
 * {@code sweep}: a grid of surrogate shapes and learning rates trained cell by cell as tasks of an
 * engine (threads of this process, or Spark), each result saved atomically as it ends so a killed
 * sweep resumes, then the table and heat map.
 *
 * <p>Must not depend on: {@code dev.spikeforge.device.bridge}, {@code dev.spikeforge.compiler},
 * {@code dev.spikeforge.runtime.sim}.
 */
package dev.spikeforge.cli.sweep;
