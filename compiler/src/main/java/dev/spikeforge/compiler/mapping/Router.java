package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes of a feed-forward dense network: every core of layer l receives from every core of layer l−1; layer 0
 * receives from the host (src_core = −1), whose spikes enter the mesh at (0, 0) of chip 0.
 */
public final class Router {
    public static final int HOST = -1;

    private Router() {}

    public static List<Route> route(List<Core> cores, Mesh mesh) {
        Map<Integer, List<Core>> byLayer = new TreeMap<>();
        for (Core c : cores) byLayer.computeIfAbsent(c.getLayer(), k -> new ArrayList<>()).add(c);
        List<Route> routes = new ArrayList<>();
        for (Core dst : cores) {
            if (dst.getLayer() == 0) {
                routes.add(route(HOST, dst, mesh.hops(0, 0, 0, dst.getChip(), dst.getX(), dst.getY())));
                continue;
            }
            for (Core src : byLayer.getOrDefault(dst.getLayer() - 1, List.of())) {
                routes.add(route(src.getId(), dst, mesh.hops(src.getChip(), src.getX(), src.getY(), dst.getChip(), dst.getX(), dst.getY())));
            }
        }
        return routes;
    }

    private static Route route(int src, Core dst, int hops) {
        return Route.newBuilder().setSrcCore(src).setDstCore(dst.getId()).setHops(hops).build();
    }
}
