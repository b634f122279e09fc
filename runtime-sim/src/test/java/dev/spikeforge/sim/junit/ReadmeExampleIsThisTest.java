package dev.spikeforge.runtime.sim.junit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The example test printed in the README is OneNeuronDeploymentTest, so the documented example always runs. */
class ReadmeExampleIsThisTest {
    @Test
    void readmeShowsTheTestThatRuns() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String test = Files.readString(Path.of("src/test/java/dev/spikeforge/runtime/sim/junit/OneNeuronDeploymentTest.java"));
        String body = test.substring(test.indexOf("import "));
        int start = readme.indexOf("```java\n" + "import dev.spikeforge.runtime.sim.chip.ChipRun;");
        assertTrue(start >= 0, "README has the example test");
        String shown = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7));
        assertEquals(body.strip(), shown.strip());
    }
}
