package dev.spikeforge.device.bridge.client;

import dev.spikeforge.data.SpikeTrain;
import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.proto.LoadAck;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.runtime.sim.run.SampleResult;
import dev.spikeforge.runtime.sim.run.SampleRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Classifies one encoded sample on a device exactly as {@link SampleRunner} does in the simulator:
 * reset, present the spikes (and payloads, for graded or host input) of every step (none after the
 * train ends), score by the readout potential after the last step when the last layer is a readout,
 * else by output spike counts; argmax, lowest index on ties. A sample interrupted by a lost session
 * or a device shutting down is run again from its start (a few times at most).
 */
public final class DeviceSampleRunner {
    /** Runs of one sample before its failure is passed on. */
    public static final int MAX_ATTEMPTS = 4;

    private static final int[] NONE = new int[0];

    private final DeviceClient device;

    public DeviceSampleRunner(DeviceClient device) {
        this.device = device;
    }

    public SampleResult run(SpikeTrain input, int steps) {
        return run(input, steps, out -> {});
    }

    /**
     * Like {@link #run(SpikeTrain, int)}, also handing every step's output, in order, to {@code
     * perStep}.
     */
    public SampleResult run(SpikeTrain input, int steps, Consumer<OutputStep> perStep) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(input, steps, perStep);
            } catch (DeviceException e) {
                if (!e.retryable() || attempt >= MAX_ATTEMPTS) throw e;
            }
        }
    }

    private SampleResult runOnce(SpikeTrain input, int steps, Consumer<OutputStep> perStep) {
        LoadAck net = device.loaded();
        if (net == null)
            throw new IllegalStateException("load a network on the device before running samples");
        device.reset();
        // Steps are pipelined: the device answers in order, so waiting per step would only add
        // round trips.
        List<CompletableFuture<OutputStep>> replies = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            int[] s = t < input.steps() ? input.spikesPerStep()[t] : NONE;
            int[] p = t < input.steps() ? input.payloadsAt(t) : null;
            replies.add(device.stepAsync(t, s, p));
        }
        long[] scores = new long[net.getOutputs()];
        long outSpikes = 0;
        OutputStep out = null;
        List<OutputStep> outs = new ArrayList<>(steps);
        for (CompletableFuture<OutputStep> r : replies) {
            out = DeviceClient.join(r);
            outs.add(out);
            outSpikes += out.getSpikesCount();
            if (out.getReadoutCount() == 0) for (int k : out.getSpikesList()) scores[k]++;
        }
        if (out != null && out.getReadoutCount() > 0) {
            for (int i = 0; i < scores.length; i++) scores[i] = out.getReadout(i);
        }
        // Handed over only once the whole sample succeeded, so a retried sample is never seen
        // twice.
        outs.forEach(perStep);
        return new SampleResult(SampleResult.argmax(scores), scores, outSpikes);
    }
}
