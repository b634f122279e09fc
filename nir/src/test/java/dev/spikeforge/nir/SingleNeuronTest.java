package dev.spikeforge.nir;

import static dev.spikeforge.nir.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.nir.convert.NirImporter;
import dev.spikeforge.nir.graph.*;
import dev.spikeforge.nir.hdf5.NirReader;
import dev.spikeforge.nir.hdf5.NirWriter;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.probe.Probe;
import dev.spikeforge.runtime.sim.probe.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NIR paper's cross-platform test, for one CubaLIF neuron at dt = 1e-4: a fixed input spike
 * train through the NIR file, Spikeforge's float simulation and the compiled fixed-point network on
 * the bit-exact simulator, each against the exact solution of the ODE (see {@link ExactCubaLif}).
 * The tolerances are derived below from forward Euler's and the fixed-point datapath's errors, not
 * chosen; docs/nir.md gives the derivation and the traces.
 */
class SingleNeuronTest {
    static final double DT = 1e-4,
            TAU_SYN = 2e-3,
            TAU_MEM = 5e-3,
            R = 1,
            W_IN = 1,
            V_TH = 1,
            WEIGHT = 10;
    static final int STEPS = 400;

    /** Input spikes: every 5th step from 10 to 200, then silence (charge, fire, decay). */
    static int[] inputSteps() {
        List<Integer> s = new ArrayList<>();
        for (int t = 10; t <= 200; t += 5) s.add(t);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    static NirGraph graph() {
        return NirGraph.builder()
                .node("input", new Input(NdArray.ints(1)))
                .node("w", new Linear(matrix(1, 1, WEIGHT)))
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

    /**
     * Writes the NIR file and the input spike CSV the docs' commands use (target/single-neuron/).
     */
    static Path writeFixture() throws Exception {
        Path dir = Path.of("target", "single-neuron");
        Files.createDirectories(dir);
        NirWriter.write(
                dir.resolve("single-neuron.nir"),
                new NirDocument(NirDocument.DEFAULT_VERSION, graph()));
        StringBuilder csv = new StringBuilder("step,neuron\n");
        for (int t : inputSteps()) csv.append(t).append(",0\n");
        Files.writeString(dir.resolve("single-neuron-input.csv"), csv);
        return dir.resolve("single-neuron.nir");
    }

    @Test
    void floatAndFixedPointTracesFollowTheExactSolution() throws Exception {
        TrainedNetwork net =
                NirImporter.convert(
                                NirReader.read(writeFixture()),
                                new NirImporter.Options(DT, "single-neuron", STEPS))
                        .network();
        FloatLifParams p = net.getLayers(0).getNeuron();
        double hs = DT / TAU_SYN,
                hm = DT / TAU_MEM,
                s = R * W_IN * hs * hm; // Spikeforge v = NIR v / s
        double theta = p.getThreshold();
        double[] drive = new double[STEPS]; // W·x arriving on each step (one-step delay)
        for (int t : inputSteps()) drive[t + 1] += WEIGHT;

        // Spikeforge's float simulation (the shared scalar reference model)
        FloatLif lif = new FloatLif(p.getDu(), p.getDv(), theta, Reset.TO_ZERO);
        double[] fv = new double[STEPS];
        boolean[] fz = new boolean[STEPS];
        double[] u = {0}, v = {0};
        boolean[] z = {false};
        for (int t = 0; t < STEPS; t++) {
            lif.step(u, v, new double[] {drive[t]}, null, true, z);
            fv[t] = v[0];
            fz[t] = z[0];
        }

        // The compiled fixed-point network on the bit-exact simulator
        CompiledNetwork chip =
                Compiler.compile(net, ChipProfiles.load("loihi1"), CompileOptions.defaults());
        CompiledLayer layer = chip.getLayers(0);
        double k = layer.getScale() * 64; // integer v per float unit
        SpikeInput in = SpikeInput.builder(1).at(inputSteps()[0], 0).steps(STEPS).build();
        SpikeInput.Builder b = SpikeInput.builder(1).steps(STEPS);
        for (int t : inputSteps()) b.at(t, 0);
        in = b.build();
        Probe probe = Probe.of(layer.getName(), EnumSet.of(Signal.SPIKES, Signal.VOLTAGE), 0);
        double[] xv = new double[STEPS];
        boolean[] xz = new boolean[STEPS];
        try (EmulatedChip emu = EmulatedChip.of(chip)) {
            emu.record(probe);
            ChipRun run = emu.run(in, STEPS);
            int[] raw = run.voltage(layer.getName(), 0);
            for (int t = 0; t < STEPS; t++) xv[t] = raw[t] / k;
            for (int[] sp : run.recording().of(layer.getName()).spikes()) xz[sp[0]] = true;
        }

        // The error bounds, derived in docs/nir.md ("Tolerance"), run along the run's own reset
        // steps.
        ExactCubaLif exact = new ExactCubaLif(TAU_SYN, TAU_MEM, R, W_IN, DT);
        CubaLif fx =
                new CubaLif(
                        layer.getNeuron().getDu(),
                        layer.getNeuron().getDv(),
                        layer.getNeuron().getVthMant(),
                        Reset.TO_ZERO);
        Bounds disc = (v1, z1) -> exact.eulerBound(drive, z1, s);
        // fixed point adds: 12-bit keep factors (Δa, Δb per step on |u|, |v|), the dendritic sum's
        // shift by weight_exp
        // (< 2^-e integer units, i.e. 1/scale float units, on every step with input), one unit of
        // truncation per
        // decay (CubaLif.voltageErrorBound) and the weight's rounding (report max_abs_error per
        // input spike).
        double keepU = fx.currentFactor() / 4096.0, keepV = fx.voltageFactor() / 4096.0;
        double da = Math.abs((1 - p.getDu()) - keepU), db = Math.abs((1 - p.getDv()) - keepV);
        double perInput =
                (layer.getWeightExp() < 0 ? 1 / layer.getScale() : 0)
                        + chip.getReport().getLayers(0).getMaxAbsError();
        double trunc = fx.voltageErrorBound(STEPS) / k;
        Bounds fixed =
                (v1, z1) -> {
                    double[] e = exact.eulerBound(drive, z1, s);
                    ExactCubaLif.Trace same = exact.run(drive, Double.POSITIVE_INFINITY, z1);
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
        check("float", fv, fz, exact, drive, s, theta, disc);
        check(
                "fixed",
                xv,
                xz,
                exact,
                drive,
                s,
                theta * (1 + chip.getReport().getLayers(0).getThresholdRelError()),
                fixed);
    }

    interface Bounds {
        double[] of(double[] v, boolean[] z);
    }

    /**
     * Voltages against the exact solution restarted at the run's own spikes, within the bound at
     * every step; each spike within the steps the bound allows of where the restarted exact
     * solution crosses the threshold, and no exact crossing left without a spike.
     */
    static void check(
            String what,
            double[] v,
            boolean[] z,
            ExactCubaLif exact,
            double[] drive,
            double s,
            double theta,
            Bounds bounds) {
        ExactCubaLif.Trace same = exact.run(drive, Double.POSITIVE_INFINITY, z);
        double[] tol = bounds.of(v, z);
        double worst = 0, worstTol = 0;
        for (int t = 0; t < v.length; t++) {
            double err = Math.abs(v[t] - same.v()[t] / s);
            assertTrue(
                    err <= tol[t],
                    what
                            + ": step "
                            + t
                            + " |v − v_exact| = "
                            + err
                            + " exceeds the derived bound "
                            + tol[t]);
            if (err > worst) {
                worst = err;
                worstTol = tol[t];
            }
        }
        List<Integer> spikes = new ArrayList<>();
        for (int t = 0; t < z.length; t++) if (z[t]) spikes.add(t);
        assertTrue(
                spikes.size() >= 3,
                what + ": the test input must make the neuron fire a few times: " + spikes);
        int from = 0;
        for (int i = 0; i <= spikes.size(); i++) {
            int end = i < spikes.size() ? spikes.get(i) : v.length;
            // first crossing of the exact solution restarted at the run's previous spikes (and not
            // reset at this one)
            boolean[] before = new boolean[z.length];
            for (int k = 0; k < i; k++) before[spikes.get(k)] = true;
            ExactCubaLif.Trace restarted = exact.run(drive, Double.POSITIVE_INFINITY, before);
            int cross = -1;
            for (int t = from; t < v.length && cross < 0; t++)
                if (restarted.preReset()[t] / s > theta) cross = t;
            if (i == spikes.size()) {
                assertTrue(
                        cross < 0 || cross + allowed(restarted, cross, tol, s) >= v.length,
                        what
                                + ": the exact solution crosses at step "
                                + cross
                                + " but the run does not spike after "
                                + from);
                break;
            }
            assertTrue(
                    cross >= 0,
                    what + ": spike at step " + end + " where the exact solution never crosses");
            int allowed = allowed(restarted, cross, tol, s);
            assertTrue(
                    Math.abs(end - cross) <= allowed,
                    what
                            + " spike "
                            + i
                            + " at step "
                            + end
                            + ", exact crossing "
                            + cross
                            + ", allowed ±"
                            + allowed);
            from = end + 1;
        }
        System.out.printf(
                "single neuron, %s: spikes %s, largest |v - v_exact| = %.4g (bound there %.4g;"
                        + " threshold %.4g)%n",
                what, spikes, worst, worstTol, theta);
    }

    /**
     * Steps a voltage error of tol can move a crossing: tol over the exact solution's rise per step
     * there, plus one.
     */
    private static int allowed(ExactCubaLif.Trace same, int cross, double[] tol, double s) {
        double rise = (same.preReset()[cross] - (cross > 0 ? same.v()[cross - 1] : 0)) / s;
        return 1 + (int) Math.ceil(tol[cross] / rise);
    }
}
