package dev.spikeforge.runtime.sim.junit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example test printed in the README is OneNeuronDeploymentTest, so the documented example
 * always runs.
 */
class ReadmeExampleIsThisTest {
    @Test
    void readmeShowsTheTestThatRuns() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String test =
                Files.readString(
                        Path.of(
                                "src/test/java/dev/spikeforge/runtime/sim/junit/OneNeuronDeploymentTest.java"));
        String body = test.substring(test.indexOf("import "));
        // The block that declares the class: from the last ```java before it.
        int declared = readme.indexOf("class OneNeuronDeploymentTest");
        assertTrue(declared >= 0, "README has the example test");
        int start = readme.lastIndexOf("```java\n", declared);
        assertTrue(start >= 0, "README shows the example test in a java block");
        String shown =
                readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7));
        assertEquals(body.strip(), shown.strip());
    }
}
