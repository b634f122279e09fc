package dev.spikeforge.compiler.validate;

import dev.spikeforge.compiler.mapping.SpikeRates;
import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.TrainedNetwork;

/**
 * Spike rates for placement, best source first: measured on the validation slice; else the
 * trainer's recorded firing rates (last epoch, per spiking layer); else {@link #ASSUMED_RATE}. A
 * readout never spikes (rate 0).
 */
public final class RateEstimate {
    /**
     * Spikes per neuron per step when nothing is known: an assumption, typical of trained
     * rate-coded SNNs (5-10 %).
     */
    public static final double ASSUMED_RATE = 0.05;

    /** Input spikes per axon per step when no samples are given: an assumption. */
    public static final double ASSUMED_INPUT_RATE = 0.1;

    private RateEstimate() {}

    public static SpikeRates of(
            TrainedNetwork net, boolean[] readout, int inputSize, FloatRun measured) {
        int n = readout.length;
        if (measured != null) {
            double[][] per = measured.rates();
            return new SpikeRates(
                    per,
                    new double[n],
                    measured.inputSpikesPerStep(),
                    "measured on "
                            + measured.predictions().length
                            + " validation samples (float network)");
        }
        double[] layer = new double[n];
        int epochs = net.getProvenance().getEpochsCount();
        EpochMetrics last = epochs == 0 ? null : net.getProvenance().getEpochs(epochs - 1);
        boolean recorded = last != null && last.getFiringRateCount() >= countSpiking(readout);
        for (int l = 0; l < n; l++)
            layer[l] = readout[l] ? 0 : recorded ? last.getFiringRate(l) : ASSUMED_RATE;
        return new SpikeRates(
                new double[n][],
                layer,
                ASSUMED_INPUT_RATE * inputSize,
                (recorded
                                ? "trainer's recorded firing rates"
                                : "assumed " + ASSUMED_RATE + " spikes per neuron per step")
                        + "; input assumed "
                        + ASSUMED_INPUT_RATE
                        + " per axon per step");
    }

    private static int countSpiking(boolean[] readout) {
        int c = 0;
        for (boolean r : readout) if (!r) c++;
        return c;
    }
}
