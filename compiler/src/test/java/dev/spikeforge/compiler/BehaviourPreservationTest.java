package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.Firing;
import dev.spikeforge.neuron.FixedPoint;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.NeuronState;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Runs a small network in float (FloatLif, decays snapped to the chip's grid) and in the compiled
 * fixed-point form (CubaLif) on the same input spikes: quantization should keep the spikes and the
 * readout scores.
 */
class BehaviourPreservationTest {
    static final int INPUTS = 20, HIDDEN = 16, CLASSES = 4, STEPS = 30;

    @Test
    void fixedPointRunMatchesTheFloatRun() {
        TrainedLayer hidden =
                Fixtures.dense(
                        "hidden",
                        HIDDEN,
                        INPUTS,
                        Fixtures.random(HIDDEN * INPUTS, 11),
                        Fixtures.random(HIDDEN, 12),
                        1f);
        TrainedNetwork net =
                Fixtures.network(
                        INPUTS,
                        STEPS,
                        hidden,
                        Fixtures.readout(
                                "out", CLASSES, HIDDEN, Fixtures.random(CLASSES * HIDDEN, 13)));
        CompiledNetwork c = Compiler.compile(net, ChipProfiles.loadDefault());

        boolean[][] input = new boolean[STEPS][INPUTS];
        Random r = new Random(5);
        for (boolean[] row : input) for (int i = 0; i < INPUTS; i++) row[i] = r.nextDouble() < 0.3;

        Run f = runFloat(net, input), x = runFixed(c, input);
        int hiddenSpikes = 0, agree = 0;
        for (int t = 0; t < STEPS; t++) {
            for (int n = 0; n < HIDDEN; n++) {
                if (f.hiddenSpikes[t][n]) hiddenSpikes++;
                if (f.hiddenSpikes[t][n] == x.hiddenSpikes[t][n]) agree++;
            }
        }
        assertTrue(
                hiddenSpikes > 20,
                "the test network must be active, got " + hiddenSpikes + " spikes");
        assertTrue(
                agree >= 0.97 * STEPS * HIDDEN,
                "spikes agree on " + agree + " of " + STEPS * HIDDEN);

        double scale = c.getLayers(1).getScale() * (1 << FixedPoint.ACT_SHIFT);
        double maxScore = 0;
        for (double s : f.scores) maxScore = Math.max(maxScore, Math.abs(s));
        for (int k = 0; k < CLASSES; k++) {
            assertEquals(f.scores[k], x.scores[k] / scale, 0.05 * maxScore, "score of class " + k);
        }
        assertEquals(argmax(f.scores), argmax(x.scores));
    }

    record Run(boolean[][] hiddenSpikes, double[] scores) {}

    static Run runFloat(TrainedNetwork net, boolean[][] input) {
        TrainedLayer h = net.getLayers(0), o = net.getLayers(1);
        FloatLif fh = lif(h).snappedToFixedGrid(), fo = lif(o).snappedToFixedGrid();
        double[] uh = new double[HIDDEN],
                vh = new double[HIDDEN],
                uo = new double[CLASSES],
                vo = new double[CLASSES];
        double[] bias = new double[HIDDEN];
        for (int n = 0; n < HIDDEN; n++) bias[n] = h.getBias().getValues(n);
        boolean[] prevHidden = new boolean[HIDDEN], outSpikes = new boolean[CLASSES];
        boolean[][] record = new boolean[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            boolean[] in =
                    t == 0 ? new boolean[INPUTS] : input[t - 1]; // one step of synaptic delay
            double[] aH = new double[HIDDEN], aO = new double[CLASSES];
            for (int n = 0; n < HIDDEN; n++)
                for (int i = 0; i < INPUTS; i++)
                    if (in[i]) aH[n] += h.getWeights().getValues(n * INPUTS + i);
            for (int k = 0; k < CLASSES; k++)
                for (int n = 0; n < HIDDEN; n++)
                    if (prevHidden[n]) aO[k] += o.getWeights().getValues(k * HIDDEN + n);
            boolean[] spikes = new boolean[HIDDEN];
            fh.step(uh, vh, aH, bias, true, spikes);
            fo.step(uo, vo, aO, null, false, outSpikes);
            record[t] = spikes;
            prevHidden = spikes;
        }
        return new Run(record, vo);
    }

    static Run runFixed(CompiledNetwork c, boolean[][] input) {
        CompiledLayer h = c.getLayers(0), o = c.getLayers(1);
        CubaLif xh = lif(h, false), xo = lif(o, true);
        NeuronState sh = xh.newState(HIDDEN), so = xo.newState(CLASSES);
        int[] bias = new int[HIDDEN];
        for (int n = 0; n < HIDDEN; n++)
            bias[n] = FixedPoint.effectiveBias(h.getBiasMant(n), h.getBiasExp());
        boolean[] prevHidden = new boolean[HIDDEN];
        boolean[][] record = new boolean[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            boolean[] in = t == 0 ? new boolean[INPUTS] : input[t - 1];
            int[] aH = new int[HIDDEN], aO = new int[CLASSES];
            for (int n = 0; n < HIDDEN; n++) {
                long sum = 0;
                for (int i = 0; i < INPUTS; i++) if (in[i]) sum += h.getWeights(n * INPUTS + i);
                aH[n] = FixedPoint.applyWeightExponent(sum, h.getWeightExp());
            }
            for (int k = 0; k < CLASSES; k++) {
                long sum = 0;
                for (int n = 0; n < HIDDEN; n++)
                    if (prevHidden[n]) sum += o.getWeights(k * HIDDEN + n);
                aO[k] = FixedPoint.applyWeightExponent(sum, o.getWeightExp());
            }
            xh.step(sh, aH, bias);
            xo.step(so, aO, null);
            boolean[] spikes = sh.spikes.clone();
            record[t] = spikes;
            prevHidden = spikes;
        }
        double[] scores = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) scores[k] = so.v[k];
        return new Run(record, scores);
    }

    static FloatLif lif(TrainedLayer l) {
        return new FloatLif(
                l.getNeuron().getDu(),
                l.getNeuron().getDv(),
                l.getNeuron().getThreshold(),
                Reset.TO_ZERO);
    }

    static CubaLif lif(CompiledLayer l, boolean readout) {
        return new CubaLif(
                l.getNeuron().getDu(),
                l.getNeuron().getDv(),
                Firing.of(l.getNeuron().getVthMant(), Reset.TO_ZERO, readout, 0));
    }

    static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
        return best;
    }
}
