package dev.spikeforge.runtime.sim.chip;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.proto.artifact.JsonForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written networks of docs/compiled-network.md do what the text next to them says. */
class DocumentedExamplesTest {

    private static List<String> jsonBlocks() throws Exception {
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        List<String> blocks = new ArrayList<>();
        for (int i = doc.indexOf("```json"); i >= 0; i = doc.indexOf("```json", i + 1)) {
            int start = i + "```json".length();
            blocks.add(doc.substring(start, doc.indexOf("```", start)));
        }
        return blocks;
    }

    private static String outputSpikes(String json, int inputs, int steps, int... axons) {
        CompiledNetwork net =
                JsonForm.fromJson(Path.of("doc"), json, ArtifactKind.COMPILED_NETWORK);
        ChipRun run =
                EmulatedChip.of(net).run(SpikeInput.builder(inputs).every(0, steps, axons).build());
        StringBuilder sb = new StringBuilder("[");
        for (SpikeEvent e : run.outputSpikes())
            sb.append(sb.length() > 1 ? "," : "")
                    .append("[")
                    .append(e.step())
                    .append(",")
                    .append(e.neuron())
                    .append("]");
        return sb.append("]").toString();
    }

    @Test
    void oneNeuronExampleSpikesOnSteps3And6() throws Exception {
        assertEquals("[[3,0],[6,0]]", outputSpikes(jsonBlocks().get(0), 1, 7, 0));
    }

    @Test
    void sparseShiftExampleSpikesWhereTheTextSays() throws Exception {
        String doc = Files.readString(Path.of("../docs/compiled-network.md"));
        String claimed = "[[1,1],[2,0],[4,1],[6,0],[7,1],[10,0],[10,1]]";
        assertTrue(doc.contains("`" + claimed + "`"), "the docs state the spikes this test checks");
        assertEquals(claimed, outputSpikes(jsonBlocks().get(1), 3, 11, 0, 2));
    }
}
