package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.TrainingOptions;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.config.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `--conv CxK[pP][sS]`: a stride-1 layer is followed by 2x2 sum pooling, a strided one is not. */
class ConvSpecTest {

    private static TrainingConfig config(String... args) {
        return CommandLine.populateCommand(new TrainingOptions(), args)
                .apply(TrainingConfig.defaults());
    }

    @Test
    void strideFollowsPaddingAndReplacesThePooling() {
        TrainingConfig c = config("--arch", "conv", "--conv", "16x3p1,32x3p1s2", "--hidden", "256");
        assertEquals(
                List.of(
                        new LayerSpec.Conv(16, 3, 1, 1, 2),
                        new LayerSpec.Conv(32, 3, 1, 2, 1),
                        new LayerSpec.Dense(256)),
                c.layers());
        assertEquals(
                new LayerSpec.Conv(8, 5, 0, 3, 1),
                config("--arch", "conv", "--conv", "8x5s3").layers().get(0),
                "no padding, stride 3");
        assertTrue(
                c.hyperparameters()
                        .get("layers")
                        .contains("conv(32, kernel=3, padding=1, stride=2, pool=1)"),
                c.hyperparameters().get("layers"));
        assertTrue(
                c.hyperparameters()
                        .get("layers")
                        .startsWith("conv(16, kernel=3, padding=1, pool=2)"),
                "stride 1 is described as before");
    }

    @Test
    void badSpecsNameTheFlag() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> config("--arch", "conv", "--conv", "16x3s"));
        assertTrue(
                e.getMessage().contains("--conv") && e.getMessage().contains("CxK[pP][sS]"),
                e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> config("--arch", "conv", "--conv", "16x3p1s0"));
        assertTrue(e.getMessage().contains("stride must be >= 1"), e.getMessage());
    }
}
