package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.cli.command.TrainingOptions;
import dev.spikeforge.trainer.TrainingConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The training flags build one configuration, checked once: the order they are typed in changes
 * nothing.
 */
class TrainingFlagsOrderTest {
    private static final String NINETEEN = String.join(",", Collections.nCopies(19, "16"));

    private static TrainingConfig config(List<String> args) {
        return CommandLine.populateCommand(new TrainingOptions(), args.toArray(String[]::new))
                .apply(TrainingConfig.defaults());
    }

    @Test
    void flagsInAnyOrderGiveTheSameConfiguration() {
        List<List<String>> flags =
                List.of(
                        List.of("--hidden", "64,32"),
                        List.of("--steps", "12"),
                        List.of("--encoding", "direct"),
                        List.of("--epochs", "5"),
                        List.of("--lr", "0.001"),
                        List.of("--optimizer", "adamw"),
                        List.of("--sparsity-target", "0.05"),
                        List.of("--surrogate", "gaussian"),
                        List.of("--init", "stable"),
                        List.of("--dropout", "0.1"),
                        List.of("--threads", "1"));
        TrainingConfig first = null;
        Random random = new Random(7);
        for (int trial = 0; trial < 6; trial++) {
            List<List<String>> shuffled = new ArrayList<>(flags);
            Collections.shuffle(shuffled, random);
            List<String> args = new ArrayList<>();
            shuffled.forEach(args::addAll);
            TrainingConfig c = config(args);
            if (first == null) first = c;
            else assertEquals(first.hyperparameters(), c.hyperparameters(), String.join(" ", args));
        }
        assertEquals(12, first.steps());
        assertEquals(0.01, first.optimizer().weightDecay(), "adamw's default decay");
    }

    @Test
    void manyHiddenLayersValidateAgainstTheFinalSteps() {
        // Before, --hidden was checked against the default 20 steps before --steps was applied,
        // whatever the order.
        for (List<String> args :
                List.of(
                        List.of("--hidden", NINETEEN, "--steps", "21"),
                        List.of("--steps", "21", "--hidden", NINETEEN))) {
            TrainingConfig c = config(args);
            assertEquals(19, c.layers().size());
            assertEquals(21, c.steps());
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> config(List.of("--hidden", NINETEEN, "--steps", "20")));
        assertTrue(e.getMessage().startsWith("--steps: must be >= 21"), e.getMessage());
    }

    @Test
    void helpShowsTheLibraryDefaults() {
        CliRunner r = CliRunner.run(new String[] {"train", "--help"});
        assertEquals(0, r.exitCode(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        for (String s :
                List.of(
                        "Batch size (default 128)",
                        "Training epochs (default 2)",
                        "(default 0.002)",
                        "default decay 0.01",
                        "default: 16x5,32x5",
                        "default 16x3p1",
                        "Simulation steps per sample (default 20",
                        "Random seed (weights, batch order, training spikes; default 42)")) {
            assertTrue(help.contains(s), "help should show " + s + ":\n" + r.out());
        }
    }
}
