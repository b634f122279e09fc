package dev.spikeforge.compiler.mapping;

import java.util.SplittableRandom;

/**
 * Places cores on mesh slots to lower Σ spikes × hops, starting from the in-order placement and
 * improving it by simulated annealing over moves of one core to another slot of the used chips
 * (swapping with the core there, if any). A move's cost change is computed from the routes touching
 * the two cores only. The number of moves is bounded ({@link #movesFor}), the random source seeded,
 * so a compile is reproducible and its time predictable; the best placement seen is kept, so the
 * result is never worse than in-order.
 */
public final class PlacementOptimizer {
    /**
     * Moves per core, and the cap on all moves: enough to settle thousands of cores in well under a
     * second.
     */
    static final int MOVES_PER_CORE = 400;

    static final long MAX_MOVES = 4_000_000;

    private PlacementOptimizer() {}

    public static long movesFor(int cores) {
        return Math.min(MAX_MOVES, (long) MOVES_PER_CORE * cores + 10_000);
    }

    public static Placement place(RouteGraph g, Mesh mesh, int slots, long seed) {
        int n = g.cores;
        int[] naive = Placement.inOrder(n);
        double naiveCost = g.hopTraffic(naive, mesh);
        if (n < 2 || slots < 2 || naiveCost == 0)
            return new Placement(naive, naiveCost, naiveCost, 0);
        return new Annealer(g, mesh, slots, seed).run(naive, naiveCost, movesFor(n));
    }

    /** In-order placement, no optimization: the baseline. */
    public static Placement inOrder(RouteGraph g, Mesh mesh) {
        int[] naive = Placement.inOrder(g.cores);
        double c = g.hopTraffic(naive, mesh);
        return new Placement(naive, c, c, 0);
    }

    private static final class Annealer {
        final RouteGraph g;
        final Mesh mesh;
        final int slots;
        final SplittableRandom random;
        final int[] start, routes; // routes touching core c: routes[start[c] .. start[c+1])
        final int[] slotOf, coreAt;

        Annealer(RouteGraph g, Mesh mesh, int slots, long seed) {
            this.g = g;
            this.mesh = mesh;
            this.slots = slots;
            this.random = new SplittableRandom(seed);
            int n = g.cores;
            start = new int[n + 1];
            for (int r = 0; r < g.size(); r++) {
                if (g.src[r] >= 0) start[g.src[r] + 1]++;
                start[g.dst[r] + 1]++;
            }
            for (int c = 0; c < n; c++) start[c + 1] += start[c];
            routes = new int[start[n]];
            int[] fill = start.clone();
            for (int r = 0; r < g.size(); r++) {
                if (g.src[r] >= 0) routes[fill[g.src[r]]++] = r;
                routes[fill[g.dst[r]]++] = r;
            }
            slotOf = new int[n];
            coreAt = new int[slots];
        }

        Placement run(int[] initial, double initialCost, long moves) {
            java.util.Arrays.fill(coreAt, -1);
            for (int c = 0; c < initial.length; c++) {
                slotOf[c] = initial[c];
                coreAt[initial[c]] = c;
            }
            double cost = initialCost, best = initialCost;
            int[] bestSlots = slotOf.clone();
            double t0 = startTemperature(), t = t0;
            double cooling = Math.pow(1e-4, 1.0 / moves);
            for (long m = 0; m < moves; m++, t *= cooling) {
                int a = random.nextInt(slotOf.length);
                int to = target(slotOf[a]);
                if (to == slotOf[a]) continue;
                double delta = moveDelta(a, to);
                if (delta <= 0 || random.nextDouble() < Math.exp(-delta / t)) {
                    apply(a, to);
                    cost += delta;
                    if (cost < best - 1e-9) {
                        best = cost;
                        System.arraycopy(slotOf, 0, bestSlots, 0, slotOf.length);
                    }
                }
            }
            // Recompute rather than trust the running sum's rounding.
            return new Placement(bestSlots, g.hopTraffic(bestSlots, mesh), initialCost, moves);
        }

        /** Half the moves stay near the core (±2 slots on its chip's mesh), half go anywhere. */
        int target(int from) {
            if (random.nextBoolean()) return random.nextInt(slots);
            int chip = mesh.chip(from),
                    x = mesh.x(from) + random.nextInt(5) - 2,
                    y = mesh.y(from) + random.nextInt(5) - 2;
            int local = y * mesh.meshWidth() + x;
            if (x < 0 || y < 0 || x >= mesh.meshWidth() || local >= mesh.coresPerChip())
                return from;
            long s = (long) chip * mesh.coresPerChip() + local;
            return s < slots ? (int) s : from;
        }

        /** Cost change of moving core a to slot `to`, swapping with the core there. */
        double moveDelta(int a, int to) {
            int from = slotOf[a], b = coreAt[to];
            double before = cost(a) + (b >= 0 ? cost(b) : 0);
            place(a, to, b, from);
            double after = cost(a) + (b >= 0 ? cost(b) : 0);
            place(a, from, b, to);
            return after - before;
        }

        void apply(int a, int to) {
            int from = slotOf[a], b = coreAt[to];
            place(a, to, b, from);
            coreAt[to] = a;
            coreAt[from] = b;
        }

        private void place(int a, int slotA, int b, int slotB) {
            slotOf[a] = slotA;
            if (b >= 0) slotOf[b] = slotB;
        }

        /**
         * Traffic of the routes touching core c (a route between two moved cores counts in both,
         * before and after alike).
         */
        double cost(int c) {
            double s = 0;
            for (int k = start[c]; k < start[c + 1]; k++)
                s += g.spikes[routes[k]] * g.hops(routes[k], slotOf, mesh);
            return s;
        }

        double startTemperature() {
            double sum = 0;
            int samples = 0;
            for (int i = 0; i < 200; i++) {
                int a = random.nextInt(slotOf.length), to = random.nextInt(slots);
                if (to == slotOf[a]) continue;
                sum += Math.abs(moveDelta(a, to));
                samples++;
            }
            return Math.max(1e-12, samples == 0 ? 1 : sum / samples);
        }
    }
}
