package dev.spikeforge.nir;

import static dev.spikeforge.nir.Fixtures.*;
import static dev.spikeforge.nir.SingleNeuronTest.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.nir.convert.Fidelity;
import dev.spikeforge.nir.convert.NirImporter;
import dev.spikeforge.nir.graph.*;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A constant input current: SingleNeuronTest's CubaLIF fed through an Affine whose bias b is a
 * current into the synapse (τ_syn·dI/dt = −I + w_in·(W·x + b)). The import takes it at its steady
 * state, the v-bias b/du (NeuronMapping.biasCurrent); the float and compiled runs are held to the
 * exact solution of the graph's ODE, the bound adding the onset the steady state skips: on
 * Spikeforge step t the import's current is ahead by b/du·(1 − du)^t (the graph starts the current
 * at 0 on its step 0, Spikeforge's step 1), which v accumulates with its own decay: e_b[t] = (1 −
 * dv)·e_b[t−1] + |b|/du·(1 − du)^t. The compiled run adds the bias register's rounding (bias_mant ·
 * 2^bias_exp against b/du, every step). docs/nir.md, "Bias currents", gives the numbers.
 */
class BiasCurrentTest {
    static final double BIAS = 0.5;

    static NirGraph graph() {
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(1)))
                .node("w", new Affine(matrix(1, 1, WEIGHT), f32(BIAS)))
                .node(
                        "neuron",
                        new CubaLIF(
                                f64(TAU_SYN),
                                f64(TAU_MEM),
                                f64(R),
                                f64(0),
                                f64(V_TH),
                                f64(0),
                                f64(W_IN)))
                .node("output", new Output(NdArray.ints(1)))
                .chain("input", "w", "neuron", "output")
                .build();
    }

    @Test
    void floatAndCompiledRunsFollowTheOdeWithTheBiasAsACurrent() throws Exception {
        NirImporter.Result r =
                NirImporter.convert(
                        new NirDocument(NirDocument.DEFAULT_VERSION, graph()),
                        new NirImporter.Options(DT, "bias", STEPS));
        TrainedNetwork net = r.network();
        FloatLifParams p = net.getLayers(0).getNeuron();
        double hs = DT / TAU_SYN,
                hm = DT / TAU_MEM,
                s = R * W_IN * hs * hm,
                theta = p.getThreshold();
        assertEquals(
                (float) (BIAS / hs),
                net.getLayers(0).getBias().getValues(0),
                "the steady-state v-bias b/du");
        Fidelity row =
                r.fidelity().stream()
                        .filter(f -> f.node().equals("neuron"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(Fidelity.Status.APPROXIMATE, row.status(), row.toString());
        assertTrue(row.detail().contains("at most " + (float) (BIAS / (hs * hs))), row.detail());

        double[] drive = new double[STEPS],
                current = new double[STEPS]; // W·x (one-step delay), and W·x + b for the ODE
        for (int t : inputSteps()) drive[t + 1] += WEIGHT;
        for (int t = 0; t < STEPS; t++) current[t] = drive[t] + (t >= 1 ? BIAS : 0);

        FloatLif lif = new FloatLif(p.getDu(), p.getDv(), theta, Reset.TO_ZERO);
        double[] fv = new double[STEPS],
                u = {0},
                v = {0},
                bias = {net.getLayers(0).getBias().getValues(0)};
        boolean[] fz = new boolean[STEPS], z = {false};
        for (int t = 0; t < STEPS; t++) {
            lif.step(u, v, new double[] {drive[t]}, bias, true, z);
            fv[t] = v[0];
            fz[t] = z[0];
        }

        CompiledNetwork chip =
                Compiler.compile(net, ChipProfiles.load("loihi1"), CompileOptions.defaults());
        CompiledLayer layer = chip.getLayers(0);
        double k = layer.getScale() * 64;
        SpikeInput.Builder b = SpikeInput.builder(1).steps(STEPS);
        for (int t : inputSteps()) b.at(t, 0);
        double[] xv = new double[STEPS];
        boolean[] xz = new boolean[STEPS];
        try (EmulatedChip emu = EmulatedChip.of(chip)) {
            emu.record(Probe.of(layer.getName(), EnumSet.of(Signal.SPIKES, Signal.VOLTAGE), 0));
            ChipRun run = emu.run(b.build(), STEPS);
            int[] raw = run.voltage(layer.getName(), 0);
            for (int t = 0; t < STEPS; t++) xv[t] = raw[t] / k;
            for (int[] sp : run.recording().of(layer.getName()).spikes()) xz[sp[0]] = true;
        }

        ExactCubaLif exact = new ExactCubaLif(TAU_SYN, TAU_MEM, R, W_IN, DT);
        double du = p.getDu(), dv = p.getDv();
        double registerError =
                Math.abs(layer.getBiasMant(0) * Math.pow(2, layer.getBiasExp()) / k - bias[0]);
        CubaLif fx =
                new CubaLif(
                        layer.getNeuron().getDu(),
                        layer.getNeuron().getDv(),
                        layer.getNeuron().getVthMant(),
                        Reset.TO_ZERO);
        double keepU = fx.currentFactor() / 4096.0, keepV = fx.voltageFactor() / 4096.0;
        double da = Math.abs((1 - du) - keepU), db = Math.abs((1 - dv) - keepV);
        double perInput =
                (layer.getWeightExp() < 0 ? 1 / layer.getScale() : 0)
                        + chip.getReport().getLayers(0).getMaxAbsError();
        double trunc = fx.voltageErrorBound(STEPS) / k;
        Bounds floatBounds =
                (v1, z1) -> withOnset(exact.eulerBound(current, z1, s), bias[0], du, dv, 0);
        Bounds fixedBounds =
                (v1, z1) -> {
                    double[] e =
                            withOnset(
                                    exact.eulerBound(current, z1, s),
                                    bias[0],
                                    du,
                                    dv,
                                    registerError);
                    ExactCubaLif.Trace same = exact.run(current, Double.POSITIVE_INFINITY, z1);
                    double eu = 0, ev = 0;
                    for (int t = 0; t < e.length; t++) {
                        eu =
                                eu * keepU
                                        + da * Math.abs(same.i()[t] / (hs * W_IN))
                                        + (drive[t] != 0 ? perInput : 0);
                        ev = z1[t] ? 0 : ev * keepV + db * Math.abs(same.v()[t] / s) + eu;
                        e[t] += ev + trunc;
                    }
                    return e;
                };
        check("float, bias current", fv, fz, exact, current, s, theta, floatBounds);
        check(
                "fixed, bias current",
                xv,
                xz,
                exact,
                current,
                s,
                theta * (1 + chip.getReport().getLayers(0).getThresholdRelError()),
                fixedBounds);
    }

    /**
     * The Euler bound plus the onset term e_b (for the imported v-bias b/du) and a per-step bias
     * error, accumulated with v's decay.
     */
    static double[] withOnset(double[] euler, double vBias, double du, double dv, double perStep) {
        double e = 0;
        for (int t = 0; t < euler.length; t++) {
            e = e * (1 - dv) + Math.abs(vBias) * Math.pow(1 - du, t) + perStep;
            euler[t] += e;
        }
        return euler;
    }
}
