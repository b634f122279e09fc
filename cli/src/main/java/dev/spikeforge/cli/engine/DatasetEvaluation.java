package dev.spikeforge.cli.engine;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A compiled network's accuracy and energy on a labelled set, on an engine: in this process as
 * before, or split into contiguous parts that run as tasks and combine to exactly the single run's
 * figures.
 */
public final class DatasetEvaluation {
    /**
     * Parts per task slot: smaller parts even out slow and fast machines at the cost of building
     * the model more often.
     */
    static final int PARTS_PER_SLOT = 2;

    private DatasetEvaluation() {}

    /** Samples [from, to). */
    public record Range(int from, int to) implements Serializable {}

    /**
     * @param progress gets the number of samples done (may be null)
     */
    public static ChipEvaluation run(
            Engine engine,
            CompiledNetwork net,
            LabeledImages data,
            IntConsumer progress,
            int threads,
            double annMacJ)
            throws InterruptedException {
        if (engine.inProcess()) return ChipEvaluation.run(net, data, progress, threads, annMacJ);
        // What the network cannot run is refused here, as in one process, not tried again and again
        // on every part.
        ChipEvaluation.check(net, data);
        List<Range> ranges = split(data.size(), Math.max(1, PARTS_PER_SLOT * engine.parallelism()));
        Shared<CompiledNetwork> sharedNet = engine.share(net);
        Shared<LabeledImages> sharedData = engine.share(data);
        ChipEvaluation.Part[] parts = new ChipEvaluation.Part[ranges.size()];
        long[] done = new long[ranges.size()];
        engine.run(
                ranges,
                (TaskFunction<Range, ChipEvaluation.Part>)
                        (r, report) ->
                                ChipEvaluation.runPart(
                                        sharedNet.get(),
                                        sharedData.get(),
                                        r.from(),
                                        r.to(),
                                        report::accept,
                                        1),
                new TaskListener<>() {
                    @Override
                    public void progress(int task, long samples) {
                        done[task] = samples;
                        show();
                    }

                    @Override
                    public void done(int task, ChipEvaluation.Part part) {
                        parts[task] = part;
                        done[task] = ranges.get(task).to() - ranges.get(task).from();
                        show();
                    }

                    private void show() {
                        if (progress != null) progress.accept((int) Arrays.stream(done).sum());
                    }
                });
        return ChipEvaluation.combine(net, data, Arrays.asList(parts), annMacJ);
    }

    /**
     * {@code n} samples in at most {@code parts} contiguous ranges of sizes differing by at most
     * one.
     */
    static List<Range> split(int n, int parts) {
        int k = Math.max(1, Math.min(parts, n));
        List<Range> out = new ArrayList<>();
        for (int i = 0; i < k; i++)
            out.add(new Range((int) ((long) n * i / k), (int) ((long) n * (i + 1) / k)));
        return out;
    }
}
