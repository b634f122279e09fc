package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.TrainingOptions;
import dev.spikeforge.proto.Encoding;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.config.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `train --arch resnet`: a conv stem, SEW blocks whose sums are the sources of the layer after
 * them, dense layers.
 */
class ResidualArchTest {

    private static TrainingConfig config(String... args) {
        return CommandLine.populateCommand(new TrainingOptions(), args)
                .apply(TrainingConfig.defaults());
    }

    @Test
    void theDefaultIsAStemOneBlockAndADenseLayer() {
        TrainingConfig c = config("--arch", "resnet");
        assertEquals(
                List.of(
                        new LayerSpec.Conv(16, 3, 1, 1, 2),
                        new LayerSpec.Conv(16, 3, 1, 1, 1),
                        new LayerSpec.Conv(16, 3, 1, 1, 1),
                        new LayerSpec.Dense(256, List.of(2, 0))),
                c.layers());
        assertEquals(Encoding.DIRECT, c.input().kind());
        assertEquals(5 + 6, c.steps(), "5 layers with the readout, + 6 as for conv nets");
    }

    @Test
    void everyBlockAddsToTheSumTheNextOneReads() {
        TrainingConfig c =
                config(
                        "--arch",
                        "resnet",
                        "--conv",
                        "8x3p1,16x3p1s2",
                        "--blocks",
                        "2",
                        "--hidden",
                        "64,32");
        assertEquals(
                List.of(
                        new LayerSpec.Conv(8, 3, 1, 1, 2),
                        new LayerSpec.Conv(16, 3, 1, 2, 1),
                        new LayerSpec.Conv(16, 3, 1, 1, 1),
                        new LayerSpec.Conv(16, 3, 1, 1, 1),
                        new LayerSpec.Conv(16, 3, 1, 1, 1, List.of(3, 1)),
                        new LayerSpec.Conv(16, 3, 1, 1, 1),
                        new LayerSpec.Dense(64, List.of(5, 3, 1)),
                        new LayerSpec.Dense(32)),
                c.layers());
        assertTrue(
                c.hyperparameters().get("layers").contains("dense(64, sources=[5, 3, 1])"),
                c.hyperparameters().get("layers"));
    }

    @Test
    void blocksBelongToResnet() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> config("--arch", "conv", "--blocks", "2"));
        assertTrue(e.getMessage().contains("--blocks: only with --arch resnet"), e.getMessage());
    }
}
