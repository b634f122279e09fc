package dev.spikeforge.cli.sweep;

import dev.spikeforge.cli.engine.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;

/**
 * The sweep's progress line: a bar over finished cells, then the running cells with the epochs each
 * has done.
 */
public final class SweepProgress implements TaskListener<CellResult> {
    /** Running cells named on the line; a cluster runs more at once than a line holds. */
    static final int SHOWN = 3;

    private final ProgressBar bar;
    private final List<SweepCell> todo;
    private final int epochs;
    private final Map<Integer, Long> running = new TreeMap<>();

    public SweepProgress(ProgressBar bar, List<SweepCell> todo, int epochs) {
        this.bar = bar;
        this.todo = todo;
        this.epochs = epochs;
    }

    @Override
    public void started(int task) {
        running.put(task, 0L);
        show();
    }

    @Override
    public void progress(int task, long epochsDone) {
        if (running.containsKey(task)) running.put(task, epochsDone);
        show();
    }

    @Override
    public void done(int task, CellResult result) {
        running.remove(task);
        bar.step();
        show();
    }

    /** e.g. "running 5: fast-sigmoid_g1.0_s1.0_lr0.001 epoch 2/10, ... +2 more". */
    String line() {
        if (running.isEmpty()) return "";
        String shown =
                running.entrySet().stream()
                        .limit(SHOWN)
                        .map(
                                e ->
                                        todo.get(e.getKey()).id()
                                                + " epoch "
                                                + e.getValue()
                                                + "/"
                                                + epochs)
                        .collect(Collectors.joining(", "));
        return "running "
                + running.size()
                + ": "
                + shown
                + (running.size() > SHOWN ? ", +" + (running.size() - SHOWN) + " more" : "");
    }

    private void show() {
        bar.setExtraMessage(line());
    }
}
