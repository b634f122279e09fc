package dev.spikeforge.runtime.sim.run;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;

/**
 * Runs one encoded sample through a simulator: reset, present the spikes of every step, and
 * classify. The class score is the readout potential after the last step when the last layer is a
 * readout, else the spike count.
 */
public final class SampleRunner {
    private SampleRunner() {}

    public static SampleResult run(Simulator sim, SpikeTrain input, int steps) {
        sim.reset();
        long[] scores = new long[sim.outputs()];
        long outSpikes = 0;
        StepOutput out = null;
        int[] none = new int[0];
        for (int t = 0; t < steps; t++) {
            int[] s = t < input.steps() ? input.spikesPerStep()[t] : none;
            int[] p = t < input.steps() ? input.payloadsAt(t) : null;
            out = sim.step(s, p, s.length);
            outSpikes += out.spikeCount();
            if (!out.hasReadout())
                for (int k = 0; k < out.spikeCount(); k++) scores[out.spike(k)]++;
        }
        if (out != null && out.hasReadout()) {
            int[] r = out.readout();
            for (int i = 0; i < scores.length; i++) scores[i] = r[i];
        }
        return new SampleResult(SampleResult.argmax(scores), scores, outSpikes);
    }
}
