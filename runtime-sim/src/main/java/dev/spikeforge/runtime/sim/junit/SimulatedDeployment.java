package dev.spikeforge.runtime.sim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a simulated deployment: an {@link dev.spikeforge.runtime.sim.chip.EmulatedChip}
 * parameter or field of a JUnit 5 test gets the compiled network loaded onto a fresh emulated chip,
 * closed after the test.
 *
 * <pre>
 *   &#64;Test
 *   void firesOnStep3(&#64;SimulatedDeployment("classpath:one-neuron.json") EmulatedChip chip) { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@ExtendWith(SimulatedDeploymentExtension.class)
public @interface SimulatedDeployment {
    /**
     * {@code classpath:path/in/test/resources.json} or a file path (artifact or JSON form),
     * relative to the working directory.
     */
    String value();

    /** Threads per simulation step (1: the test's thread only). */
    int threads() default 1;

    /**
     * Probes recorded by every run, as on the command line: {@code "hidden"} or {@code
     * "hidden:0-3,7"}.
     */
    String[] probes() default {};

    /**
     * What the probes record: comma-separated spikes, voltage, current; "activity" adds per-step,
     * per-core counts.
     */
    String record() default "spikes";
}
