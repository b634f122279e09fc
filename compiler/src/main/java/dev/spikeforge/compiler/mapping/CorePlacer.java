package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.Core;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every core of a partition with its id (layer order, then neuron order) and the mesh
 * position it was placed on.
 */
public final class CorePlacer {
    private CorePlacer() {}

    public static List<Core> cores(Partition partition, int[] slotOfCore, Mesh mesh) {
        List<Core> out = new ArrayList<>(partition.cores().size());
        for (int id = 0; id < partition.cores().size(); id++) {
            CoreUse u = partition.cores().get(id);
            int slot = slotOfCore[id];
            out.add(
                    Core.newBuilder()
                            .setId(id)
                            .setChip(mesh.chip(slot))
                            .setX(mesh.x(slot))
                            .setY(mesh.y(slot))
                            .setLayer(u.layer())
                            .setNeuronBegin(u.range().begin())
                            .setNeuronEnd(u.range().end())
                            .setInputAxons((int) Math.min(Integer.MAX_VALUE, u.inputAxons()))
                            .setSynapseBits(u.synapseBits())
                            .build());
        }
        return out;
    }
}
