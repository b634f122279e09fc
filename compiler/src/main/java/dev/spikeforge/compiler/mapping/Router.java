package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing tables: one route per (sending core, receiving core) pair of the route graph, with
 * the hops of the chosen placement. src_core −1 is the host input.
 */
public final class Router {
    public static final int HOST = RouteGraph.HOST;

    private Router() {}

    public static List<Route> routes(RouteGraph g, int[] slotOfCore, Mesh mesh) {
        List<Route> out = new ArrayList<>(g.size());
        for (int r = 0; r < g.size(); r++) {
            out.add(
                    Route.newBuilder()
                            .setSrcCore(g.src(r))
                            .setDstCore(g.dst(r))
                            .setHops(g.hops(r, slotOfCore, mesh))
                            .build());
        }
        return out;
    }
}
