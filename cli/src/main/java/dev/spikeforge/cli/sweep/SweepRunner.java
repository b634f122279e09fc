package dev.spikeforge.cli.sweep;

import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.engine.TaskListener;
import dev.spikeforge.cli.engine.TasksFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the cells that have no result yet as tasks of an engine (each cell one single-threaded
 * training run), saving each result on this process the moment it ends; cells finished by an
 * earlier, killed sweep are read back instead of trained. A cell that fails does not stop the
 * others: they finish and are saved, then the failure is reported.
 */
public final class SweepRunner {
    private final SweepDirectory dir;
    private final Engine engine;
    private final CellTask task;

    public SweepRunner(SweepDirectory dir, Engine engine, CellTask task) {
        this.dir = dir;
        this.engine = engine;
        this.task = task;
    }

    /** The grid's results in grid order, and which of them were reused. */
    public record Outcome(List<CellResult> results, List<Boolean> reused) {
        public long ran() {
            return reused.stream().filter(r -> !r).count();
        }
    }

    /**
     * @param todo the cells to train, from {@link #todo}; the others are read back
     * @param display hears the cells to train (by index into {@code todo}) start, report epochs and
     *     end (after being saved)
     */
    public Outcome run(
            List<SweepCell> cells, List<SweepCell> todo, TaskListener<CellResult> display)
            throws InterruptedException {
        Map<SweepCell, CellResult> done = new HashMap<>();
        for (SweepCell c : cells) {
            if (todo.contains(c)) continue;
            CellResult r =
                    dir.finished(c)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    dir.cellFile(c)
                                                            + " disappeared during the sweep"));
            done.put(c, r);
        }
        try {
            engine.run(
                    todo,
                    task,
                    new TaskListener<>() {
                        @Override
                        public void started(int i) {
                            display.started(i);
                        }

                        @Override
                        public void progress(int i, long value) {
                            display.progress(i, value);
                        }

                        @Override
                        public void done(int i, CellResult r) {
                            dir.save(todo.get(i), r);
                            done.put(todo.get(i), r);
                            display.done(i, r);
                        }
                    });
        } catch (TasksFailedException e) {
            throw new IllegalStateException(
                    e.failures().size()
                            + " of "
                            + todo.size()
                            + " cell(s) failed: "
                            + e.failures().stream()
                                    .map(f -> f.describe("cell " + todo.get(f.task()).id()))
                                    .collect(Collectors.joining("; "))
                            + ". The cells that finished are saved in "
                            + dir.dir()
                            + "; run the same command again to retry only the failed ones",
                    e);
        }
        List<CellResult> results = new ArrayList<>();
        List<Boolean> reused = new ArrayList<>();
        for (SweepCell c : cells) {
            results.add(done.get(c));
            reused.add(!todo.contains(c));
        }
        return new Outcome(results, reused);
    }

    /** The cells without a readable result file, in grid order. */
    public List<SweepCell> todo(List<SweepCell> cells) {
        List<SweepCell> todo = new ArrayList<>();
        for (SweepCell c : cells) if (dir.finished(c).isEmpty()) todo.add(c);
        return todo;
    }
}
