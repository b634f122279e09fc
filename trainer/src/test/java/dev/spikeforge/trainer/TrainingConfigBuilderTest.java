package dev.spikeforge.trainer;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.Encoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The builder checks how settings fit together once, when built, so the order they are set in does
 * not matter.
 */
class TrainingConfigBuilderTest {
    private static final int[] NINETEEN_LAYERS = fill(19, 16);

    @Test
    void manyLayersBeforeTheirStepsValidateAgainstTheFinalSteps() {
        TrainingConfig c =
                TrainingConfig.defaults().toBuilder().hidden(NINETEEN_LAYERS).steps(21).build();
        assertEquals(21, c.steps());
        assertEquals(19, c.layers().size());
        // A withX checks at once: the same layers against the default 20 steps fail, naming the
        // steps.
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> TrainingConfig.defaults().withHidden(NINETEEN_LAYERS));
        assertEquals("steps", e.setting());
    }

    @Test
    void theFinalSettingsAreCheckedAtBuild() {
        TrainingConfigBuilder b =
                TrainingConfig.defaults().toBuilder().hidden(NINETEEN_LAYERS).steps(20);
        ConfigException e = assertThrows(ConfigException.class, b::build);
        assertEquals("steps", e.setting());
        assertTrue(e.problem().contains(">= 21"), e.getMessage());
    }

    @Test
    void settingOrderGivesTheSameConfiguration() {
        TrainingConfig a =
                TrainingConfig.defaults().toBuilder()
                        .hidden(64, 32)
                        .steps(12)
                        .encoding(Encoding.DIRECT)
                        .epochs(3)
                        .learningRate(1e-3)
                        .du(0.5)
                        .batch(32)
                        .build();
        TrainingConfig b =
                TrainingConfig.defaults().toBuilder()
                        .batch(32)
                        .du(0.5)
                        .learningRate(1e-3)
                        .epochs(3)
                        .encoding(Encoding.DIRECT)
                        .steps(12)
                        .hidden(64, 32)
                        .build();
        assertEquals(a.hyperparameters(), b.hyperparameters());
        assertEquals(
                a,
                b.toBuilder()
                        .surrogate(a.surrogate())
                        .initializer(a.initializer())
                        .schedule(a.schedule())
                        .build());
    }

    @Test
    void withXIsTheBuilderWithOneSetting() {
        TrainingConfig c = TrainingConfig.defaults();
        assertEquals(
                c.withSteps(30).hyperparameters(),
                c.toBuilder().steps(30).build().hyperparameters());
        assertEquals(c, c.toBuilder().build());
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
