package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.TrainingOptions;
import dev.spikeforge.trainer.TrainingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `train --arch conv` without --steps: the window grows with the depth, so every hidden layer gets
 * 6 scored steps.
 */
class ConvStepsDefaultTest {

    private static TrainingConfig config(String... args) {
        return CommandLine.populateCommand(new TrainingOptions(), args)
                .apply(TrainingConfig.defaults());
    }

    @Test
    void stepsFollowTheDepthUnlessSet() {
        TrainingConfig deep = config("--arch", "conv", "--conv", "16x5,32x5", "--hidden", "256");
        assertEquals(10, deep.steps(), "conv, conv, dense and the readout: 4 layers + 6");
        assertEquals(6, deep.scoredSpikeSteps());
        assertEquals(
                9,
                config("--arch", "conv").steps(),
                "the default 16x5,32x5 with the readout: 3 layers + 6");
        assertEquals(
                6,
                config("--arch", "conv", "--hidden", "256", "--steps", "6").steps(),
                "--steps wins");
    }
}
