package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.MappingReport;
import dev.spikeforge.proto.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a first layer the host computes off the chip: its cores are removed (the others renumbered
 * in order), routes from them become routes from the host (src −1, the hops from where host input
 * enters), routes into them go, and the mapping report's per-core and per-route figures follow.
 */
public final class HostLayer {
    private HostLayer() {}

    public static void detach(CompiledNetwork.Builder net, Mesh mesh) {
        List<Core> cores = net.getCoresList();
        int[] newId = new int[cores.size()];
        List<Core> kept = new ArrayList<>();
        for (Core c : cores) {
            if (c.getLayer() == 0) {
                newId[c.getId()] = -1;
            } else {
                newId[c.getId()] = kept.size();
                kept.add(c.toBuilder().setId(kept.size()).build());
            }
        }
        MappingReport m = net.getReport().getMapping();
        Map<Long, Route> routes = new LinkedHashMap<>();
        Map<Long, Double> spikes = new LinkedHashMap<>();
        for (int r = 0; r < net.getRoutesCount(); r++) {
            Route route = net.getRoutes(r);
            int dst = newId[route.getDstCore()];
            if (dst < 0) continue;
            int src = route.getSrcCore() < 0 ? -1 : newId[route.getSrcCore()];
            Core d = kept.get(dst);
            int hops =
                    src >= 0
                            ? route.getHops()
                            : mesh.hops(0, 0, 0, d.getChip(), d.getX(), d.getY());
            long key = (long) src << 32 | dst;
            routes.putIfAbsent(
                    key, Route.newBuilder().setSrcCore(src).setDstCore(dst).setHops(hops).build());
            double s = r < m.getRouteSpikesPerStepCount() ? m.getRouteSpikesPerStep(r) : 0;
            spikes.merge(key, s, Double::sum);
        }
        net.clearCores().addAllCores(kept).clearRoutes().addAllRoutes(routes.values());
        MappingReport.Builder mb =
                m.toBuilder()
                        .clearCoreSpikesPerStep()
                        .clearRouteSpikesPerStep()
                        .addAllRouteSpikesPerStep(spikes.values());
        for (Core c : cores)
            if (newId[c.getId()] >= 0 && c.getId() < m.getCoreSpikesPerStepCount())
                mb.addCoreSpikesPerStep(m.getCoreSpikesPerStep(c.getId()));
        net.getReportBuilder().setMapping(mb).setCoresUsed(kept.size());
    }
}
