package dev.spikeforge.cli.sweep;

import dev.spikeforge.cli.engine.Shared;
import dev.spikeforge.cli.engine.TaskFunction;
import dev.spikeforge.data.LabeledImages;
import java.util.function.LongConsumer;

/** One cell's training as an engine task; it reports the epochs done as its progress. */
public record CellTask(SweepPlan plan, Shared<LabeledImages> train, Shared<LabeledImages> test)
        implements TaskFunction<SweepCell, CellResult> {
    @Override
    public CellResult apply(SweepCell cell, LongConsumer progress) {
        return new CellTrainer(plan.baseConfig(), train.get(), test.get(), plan.targetAccuracy())
                .run(cell, progress::accept);
    }
}
