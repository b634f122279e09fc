package dev.spikeforge.cli.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the cells that have no result yet on a pool of threads (each cell one single-threaded training run), saving
 * each result the moment it ends; cells finished by an earlier, killed sweep are read back instead of trained.
 */
public final class SweepRunner {
    private final SweepDirectory dir;
    private final CellTrainer trainer;
    private final int workers;

    public SweepRunner(SweepDirectory dir, CellTrainer trainer, int workers) {
        if (workers < 1) throw new IllegalArgumentException("--jobs: must be >= 1, got " + workers);
        this.dir = dir;
        this.trainer = trainer;
        this.workers = workers;
    }

    /** The grid's results in grid order, and which of them were reused. */
    public record Outcome(List<CellResult> results, List<Boolean> reused) {
        public long ran() {
            return reused.stream().filter(r -> !r).count();
        }
    }

    /** @param onDone called (from a worker thread) after each newly trained cell is saved */
    public Outcome run(List<SweepCell> cells, Consumer<CellResult> onDone) throws InterruptedException {
        Map<SweepCell, CellResult> done = new ConcurrentHashMap<>();
        List<SweepCell> todo = new ArrayList<>();
        for (SweepCell c : cells) dir.finished(c).ifPresentOrElse(r -> done.put(c, r), () -> todo.add(c));
        List<CellResult> fresh = new ArrayList<>();
        if (!todo.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, todo.size()), r -> {
                Thread t = new Thread(r, "sweep-cell");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<CellResult>> futures = new ArrayList<>();
                for (SweepCell c : todo) {
                    futures.add(pool.submit(() -> {
                        CellResult r = trainer.run(c);
                        dir.save(c, r);
                        onDone.accept(r);
                        return r;
                    }));
                }
                for (int i = 0; i < todo.size(); i++) {
                    try {
                        fresh.add(futures.get(i).get());
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException re) throw re;
                        throw new IllegalStateException("cell " + todo.get(i).id() + " failed: " + cause, cause);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<CellResult> results = new ArrayList<>();
        List<Boolean> reused = new ArrayList<>();
        for (SweepCell c : cells) {
            int i = todo.indexOf(c);
            results.add(i >= 0 ? fresh.get(i) : done.get(c));
            reused.add(i < 0);
        }
        return new Outcome(results, reused);
    }
}
