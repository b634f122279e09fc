package dev.spikeforge.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.NamedTensor;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainingCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    private static TrainingCheckpoint sample() {
        return TrainingCheckpoint.newBuilder()
                .setEpochsDone(2)
                .setEpochsTotal(5)
                .setSeed(7)
                .addParameters(
                        NamedTensor.newBuilder()
                                .setName("hidden0.weights")
                                .setTensor(
                                        Tensor.newBuilder()
                                                .addShape(1)
                                                .addShape(2)
                                                .addValues(0.25f)
                                                .addValues(-1f)))
                .putHyperparameters("steps", "25")
                .putLabels("cli.args", "--hidden\n400")
                .build();
    }

    @Test
    void roundTrips(@TempDir Path dir) {
        Path f = dir.resolve("run/checkpoint.sfck");
        CheckpointFile.write(f, sample());
        assertEquals(sample(), CheckpointFile.read(f));
    }

    @Test
    void damageIsReportedWithTheFileName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("checkpoint.sfck");
        CheckpointFile.write(f, sample());
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(f, bytes);
        CheckpointException e =
                assertThrows(CheckpointException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("corrupt") && e.getMessage().contains("without --resume"),
                e.getMessage());

        Files.write(f, new byte[] {'S', 'F'});
        assertTrue(
                assertThrows(CheckpointException.class, () -> CheckpointFile.read(f))
                        .getMessage()
                        .contains("corrupt"));
        assertTrue(
                assertThrows(
                                CheckpointException.class,
                                () -> CheckpointFile.read(dir.resolve("none.sfck")))
                        .getMessage()
                        .contains("no checkpoint"));
    }
}
