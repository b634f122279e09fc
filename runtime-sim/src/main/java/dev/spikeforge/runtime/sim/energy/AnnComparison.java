package dev.spikeforge.runtime.sim.energy;

import dev.spikeforge.runtime.sim.cost.AnnWork;

/**
 * The spiking network's energy per inference beside two conventional baselines at 45 nm (M.
 * Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014): 32-bit float
 * MACs (3.7 pJ multiply + 0.9 pJ add) and 8-bit integer MACs (0.2 pJ multiply + 0.03 pJ add), each
 * with one read per inference of every weight from the smallest memory of that paper's table that
 * holds them all (64-bit reads: 8 KB SRAM 10 pJ, 32 KB 20 pJ, 1 MB 100 pJ, DRAM 1.3 nJ, the low end
 * of its 1.3-2.6 nJ). Activations are not counted (they would only add to the baselines).
 */
public record AnnComparison(AnnBaseline fp32, AnnBaseline int8, double snnJPerInference) {

    public static final double FP32_MAC_J = 3.7e-12 + 0.9e-12;
    public static final double INT8_MAC_J = 0.2e-12 + 0.03e-12;

    /** Kept for callers that named the fp32 MAC energy: 4.6 pJ. */
    public static final double MAC_J_45NM = FP32_MAC_J;

    public static final String PROCESS = "45 nm";
    public static final String SOURCE =
            "M. Horowitz, 'Computing's energy problem (and what we can do about it)', ISSCC 2014"
                + " (45 nm): fp32 MAC 3.7 + 0.9 pJ, int8 MAC 0.2 + 0.03 pJ, 64-bit reads 10 / 20 /"
                + " 100 pJ (8 KB / 32 KB / 1 MB SRAM), DRAM 1.3-2.6 nJ; MACs and one read of every"
                + " weight per inference, activations not counted";

    /** One baseline: MACs × MAC energy + weights × read energy per weight. */
    public record AnnBaseline(
            String name,
            long macs,
            long weights,
            int bytesPerWeight,
            double macJ,
            double readJPerWeight,
            String memory) {
        public double macEnergyJ() {
            return macs * macJ;
        }

        public double readEnergyJ() {
            return weights * readJPerWeight;
        }

        public double totalJ() {
            return macEnergyJ() + readEnergyJ();
        }
    }

    public static AnnComparison of(AnnWork work, double snnJPerInference) {
        return of(work, snnJPerInference, FP32_MAC_J);
    }

    /**
     * With the fp32 MAC energy given (e.g. for another process node); the int8 baseline keeps
     * Horowitz's.
     */
    public static AnnComparison of(AnnWork work, double snnJPerInference, double fp32MacJ) {
        return new AnnComparison(
                baseline("fp32", work, 4, fp32MacJ),
                baseline("int8", work, 1, INT8_MAC_J),
                snnJPerInference);
    }

    private static AnnBaseline baseline(String name, AnnWork w, int bytes, double macJ) {
        long total = w.weights() * bytes;
        double per64, read;
        String memory;
        if (total <= 8 * 1024) {
            per64 = 10e-12;
            memory = "8 KB SRAM";
        } else if (total <= 32 * 1024) {
            per64 = 20e-12;
            memory = "32 KB SRAM";
        } else if (total <= 1024 * 1024) {
            per64 = 100e-12;
            memory = "1 MB SRAM";
        } else {
            per64 = 1.3e-9;
            memory = "DRAM";
        }
        read = per64 * bytes / 8;
        return new AnnBaseline(name, w.macs(), w.weights(), bytes, macJ, read, memory);
    }

    /** fp32 baseline / SNN energy per inference: above 1 the spiking chip spends less. */
    public double ratio() {
        return fp32.totalJ() / snnJPerInference;
    }

    public double int8Ratio() {
        return int8.totalJ() / snnJPerInference;
    }

    public long macsPerInference() {
        return fp32.macs();
    }

    public double annJPerInference() {
        return fp32.totalJ();
    }

    public double macJ() {
        return fp32.macJ();
    }
}
