package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.ForwardPass;
import dev.spikeforge.trainer.engine.Nd4jRuntime;
import dev.spikeforge.trainer.export.NetworkCodec;
import dev.spikeforge.trainer.network.LifNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NIR paper's three networks (testdata/nir/paper) through the command line as a user runs them:
 * import-nir, check against loihi1 (refused: it resets only to zero, and NIR 0.1.1 / 0.2.0 neurons
 * reset by subtraction), loihi2 and generic, compile for loihi2, simulate on a generated spike file
 * with every layer's spikes recorded, the same input through the trainer's float engine on the
 * imported network, and export-nir back to the file's graph and import it again. docs/nir.md ("The
 * NIR paper's networks") has the table and the measured agreement.
 */
class NirPaperNetworksTest {
    static final Path PAPER = Path.of("..", "testdata", "nir", "paper");

    @TempDir Path dir;

    /** What one file gave: the chip run against the float run, per layer and at the output. */
    record Agreement(
            String file,
            Path original,
            Path back,
            int cores,
            long[] agree,
            long[] pairs,
            long[] chipSpikes,
            long[] floatSpikes,
            int[] chipOut,
            int[] floatOut) {
        double fraction(int l) {
            return agree[l] / (double) pairs[l];
        }

        void print() {
            for (int l = 0; l < agree.length; l++) {
                System.out.printf(
                        "%s layer %d: chip and float agree on %d of %d (step, neuron) pairs (%.4f);"
                                + " spikes %d vs %d%n",
                        file, l, agree[l], pairs[l], fraction(l), chipSpikes[l], floatSpikes[l]);
            }
            System.out.printf(
                    "%s (loihi2, %d cores): output spike counts chip %s, float %s%n",
                    file, cores, Arrays.toString(chipOut), Arrays.toString(floatOut));
        }
    }

    /**
     * Norse's LIF neuron on Norse's recorded input: the chip spikes on exactly the float run's
     * steps.
     */
    @Test
    void lifNorseImportsCompilesSimulatesAndExportsBack() throws Exception {
        List<String> rows = Files.readAllLines(PAPER.resolve("lif_norse.csv"));
        boolean[][] in = new boolean[rows.size()][1];
        for (int t = 0; t < in.length; t++)
            in[t][0] = Double.parseDouble(rows.get(t).split(",")[0]) != 0;
        Agreement a = run("lif_norse.nir", "1e-4", in, 1);
        a.print();
        assertEquals(
                a.pairs()[0],
                a.agree()[0],
                "one weight, one threshold, exactly representable: the chip spikes where the float"
                        + " run does");
        assertEquals(4, a.chipSpikes()[0]);
        assertSameForH5py(a.original(), a.back());
    }

    /**
     * snnTorch's Braille RNN on a fixed random input (12 × 256, p = 0.1). The chip's 8-bit weights
     * (relative error up to half a level, 1/254 of the largest weight) and 12-bit decays shift a
     * spike where v passes the threshold by less than the accumulated error; with the recurrent
     * loop a shifted spike feeds back, so spikes are compared per (step, neuron) and the output as
     * counts.
     */
    @Test
    void brailleImportsCompilesSimulatesAndExportsBack() throws Exception {
        Random rnd = new Random(20240101);
        boolean[][] in = new boolean[256][12];
        for (boolean[] step : in) for (int i = 0; i < 12; i++) step[i] = rnd.nextDouble() < 0.1;
        Agreement a = run("braille_noDelay_bias_zero.nir", "1e-4", in, 12);
        a.print();
        assertClose(a);
        assertSameForH5py(a.original(), a.back());
    }

    /**
     * Sinabs' N-MNIST CNN (2 × 34 × 34 input) on random sparse events (p = 0.05, 40 steps). IF
     * neurons without a leak integrate the weights' rounding error without forgetting it, so a
     * neuron whose float v ends a step within that error of the threshold may spike a step earlier
     * or later on the chip; the deeper layers inherit those shifts.
     */
    @Test
    void cnnSinabsImportsCompilesSimulatesAndExportsBack() throws Exception {
        Random rnd = new Random(2024);
        int inputs = 2 * 34 * 34, steps = 40;
        boolean[][] in = new boolean[steps][inputs];
        for (boolean[] step : in)
            for (int i = 0; i < inputs; i++) step[i] = rnd.nextDouble() < 0.05;
        Agreement a = run("cnn_sinabs.nir", "1", in, inputs);
        a.print();
        assertClose(a);
        assertSameForH5py(a.original(), a.back());
    }

    /**
     * The chip run close to the float run: the first layer, which reads the same input spikes and
     * differs only by the rounding of its weights and threshold, agrees on at least 99 % of its
     * (step, neuron) pairs; every layer's spike total and every output neuron's count are within 15
     * % + 3 of the float run's. Deeper layers are compared by counts, not step by step: a spike
     * shifted by one step upstream moves spikes downstream without changing what they add up to.
     * These tolerances are the measured differences (docs/nir.md) with margin, not derived bounds.
     */
    private static void assertClose(Agreement a) {
        assertTrue(a.fraction(0) >= 0.99, "first layer: " + a.fraction(0));
        for (int l = 0; l < a.pairs().length; l++) {
            assertTrue(a.floatSpikes()[l] > 0, "layer " + l + " must be active");
            assertEquals(
                    a.floatSpikes()[l],
                    a.chipSpikes()[l],
                    0.15 * a.floatSpikes()[l] + 3,
                    "layer " + l + " spike total");
        }
        for (int n = 0; n < a.chipOut().length; n++)
            assertEquals(
                    a.floatOut()[n],
                    a.chipOut()[n],
                    0.15 * a.floatOut()[n] + 3,
                    "output neuron " + n);
    }

    private Agreement run(String file, String dt, boolean[][] in, int inputs) throws Exception {
        int steps = in.length;
        Path nir = PAPER.resolve(file),
                sft = dir.resolve("m.sft"),
                sfc = dir.resolve("m.sfc"),
                sim = dir.resolve("sim");
        CliRunner i =
                CliRunner.run(
                        "import-nir",
                        nir.toString(),
                        "--dt",
                        dt,
                        "--steps",
                        String.valueOf(steps),
                        "--out",
                        sft.toString(),
                        "--json");
        assertEquals(0, i.exitCode(), i.err());
        TrainedNetwork net = ArtifactFiles.read(sft, ArtifactKind.TRAINED_NETWORK);

        // loihi1 resets only to zero; NIR 0.1.1 and 0.2.0 neurons reset by subtraction
        CliRunner l1 = CliRunner.run("check", sft.toString(), "--target", "loihi1", "--json");
        assertEquals(2, l1.exitCode(), l1.out() + l1.err());
        assertTrue(l1.out().contains("RESET_BY_SUBTRACTION is not supported"), l1.out());
        for (String profile : List.of("loihi2", "generic")) {
            CliRunner c = CliRunner.run("check", sft.toString(), "--target", profile, "--json");
            assertEquals(0, c.exitCode(), profile + ": " + c.out() + c.err());
            System.out.printf(
                    "%s fits %s: %d cores%n",
                    file, profile, c.json().get("cores_needed").getAsInt());
        }
        CliRunner c =
                CliRunner.run(
                        "compile",
                        sft.toString(),
                        "--target",
                        "loihi2",
                        "--validate",
                        "0",
                        "--out",
                        sfc.toString(),
                        "--json");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        int cores = c.json().get("cores").getAsInt();

        // simulate on a generated spike file, every layer's spikes recorded
        StringBuilder csv = new StringBuilder("step,neuron\n");
        for (int t = 0; t < steps; t++)
            for (int n = 0; n < inputs; n++)
                if (in[t][n]) csv.append(t).append(',').append(n).append('\n');
        Path spikes = dir.resolve("in.csv");
        Files.writeString(spikes, csv);
        CliRunner s =
                CliRunner.run(
                        "simulate",
                        sfc.toString(),
                        "--input",
                        spikes.toString(),
                        "--steps",
                        String.valueOf(steps),
                        "--record",
                        "spikes",
                        "--out",
                        sim.toString(),
                        "--json");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        int layers = net.getLayersCount();
        boolean[][][] chip = new boolean[layers][steps][];
        for (int l = 0; l < layers; l++)
            for (int t = 0; t < steps; t++) chip[l][t] = new boolean[net.getLayers(l).getSize()];
        List<String> recorded = Files.readAllLines(sim.resolve("spikes.csv"));
        assertEquals("step,layer,neuron", recorded.get(0));
        for (String row : recorded.subList(1, recorded.size())) {
            String[] f = row.split(",");
            int l = layerIndex(net, f[1]);
            chip[l][Integer.parseInt(f[0])][Integer.parseInt(f[2])] = true;
        }

        // the imported network in the trainer's float engine (float32), the same input, one sample
        Nd4jRuntime.configure(1);
        LifNetwork lif = NetworkCodec.fromProto(net, DataType.FLOAT);
        BatchWorkspace ws = new BatchWorkspace(lif, steps, 1);
        float[][] x = new float[steps][inputs];
        for (int t = 0; t < steps; t++) for (int n = 0; n < inputs; n++) if (in[t][n]) x[t][n] = 1;
        ws.input().array().assign(Nd4j.create(x));
        ForwardPass.run(ws);
        long[] agree = new long[layers],
                pairs = new long[layers],
                chipSpikes = new long[layers],
                floatSpikes = new long[layers];
        int outSize = net.getLayers(layers - 1).getSize();
        int[] chipOut = new int[outSize], floatOut = new int[outSize];
        for (int l = 0; l < layers; l++) {
            float[][] z = ws.layer(l).spikes().all().toFloatMatrix();
            for (int t = 0; t < steps; t++) {
                for (int n = 0; n < z[t].length; n++) {
                    boolean f = z[t][n] != 0, k = chip[l][t][n];
                    pairs[l]++;
                    if (f == k) agree[l]++;
                    if (f) floatSpikes[l]++;
                    if (k) chipSpikes[l]++;
                    if (l == layers - 1 && f) floatOut[n]++;
                    if (l == layers - 1 && k) chipOut[n]++;
                }
            }
        }

        // export-nir gives the file's graph back (the import record), and that file imports to the
        // same network
        Path back = dir.resolve("back.nir"), again = dir.resolve("again.sft");
        CliRunner e =
                CliRunner.run("export-nir", sft.toString(), "--out", back.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.json().get("from_import_record").getAsBoolean(), e.out());
        assertEquals(
                NirReader.read(nir),
                NirReader.read(back),
                "the same graph: every node, parameter, dtype and edge");
        CliRunner i2 =
                CliRunner.run(
                        "import-nir",
                        back.toString(),
                        "--dt",
                        dt,
                        "--steps",
                        String.valueOf(steps),
                        "--out",
                        again.toString());
        assertEquals(0, i2.exitCode(), i2.err());
        TrainedNetwork net2 = ArtifactFiles.read(again, ArtifactKind.TRAINED_NETWORK);
        assertEquals(net.getLayersList(), net2.getLayersList());
        assertEquals(net.getScore(), net2.getScore());

        // the compiled network's chip form cannot be written: NIR 1.0.6 neurons reset to v_reset,
        // these subtract
        CliRunner x2 =
                CliRunner.run(
                        "export-nir", sfc.toString(), "--out", dir.resolve("chip.nir").toString());
        assertNotEquals(0, x2.exitCode());
        assertTrue(
                x2.err().contains(sfc + ": compiled network")
                        && x2.err().contains("neuron.reset RESET_BY_SUBTRACTION")
                        && x2.err().contains("export-nir MODEL.sft"),
                x2.err());
        return new Agreement(
                file, nir, back, cores, agree, pairs, chipSpikes, floatSpikes, chipOut, floatOut);
    }

    private static int layerIndex(TrainedNetwork net, String name) {
        for (int l = 0; l < net.getLayersCount(); l++)
            if (net.getLayers(l).getName().equals(name)) return l;
        throw new AssertionError(
                "spikes.csv names layer '" + name + "', which the network does not have");
    }

    /**
     * Last in each test, since it may skip: bench/nir_h5py_check.py --same (libhdf5 reading both
     * files as NIR's reader does); skipped without python3-h5py.
     */
    private static void assertSameForH5py(Path a, Path b) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            Assumptions.abort("no /usr/bin/python3: the h5py read-back is skipped");
        }
        Process probe =
                new ProcessBuilder(python.toString(), "-c", "import h5py")
                        .redirectErrorStream(true)
                        .start();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            Assumptions.abort("python3-h5py is not installed: the h5py read-back is skipped");
        }
        Process p =
                new ProcessBuilder(
                                python.toString(),
                                Path.of("..", "bench", "nir_h5py_check.py").toString(),
                                "--same",
                                a.toString(),
                                b.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "h5py sees the two files differ:\n" + out);
    }
}
