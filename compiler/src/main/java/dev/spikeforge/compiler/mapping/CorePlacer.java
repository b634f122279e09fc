package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.Core;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives every core of a partition its id and mesh position: cores in layer order, then neuron order, fill
 * consecutive slots, so consecutive layers sit close and spill onto the next chip only when a chip is full.
 */
public final class CorePlacer {
    private CorePlacer() {}

    public static List<Core> place(List<LayerFootprint> layers, Partition partition, ChipProfile p, Mesh mesh) {
        List<Core> cores = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerFootprint layer = layers.get(l);
            for (NeuronRange r : partition.layers().get(l)) {
                int slot = cores.size();
                cores.add(Core.newBuilder()
                        .setId(slot)
                        .setChip(mesh.chip(slot))
                        .setX(mesh.x(slot))
                        .setY(mesh.y(slot))
                        .setLayer(l)
                        .setNeuronBegin(r.begin())
                        .setNeuronEnd(r.end())
                        .setInputAxons(layer.fanIn())
                        .setSynapseBits(r.count() * layer.synapseBitsPerNeuron(p))
                        .build());
            }
        }
        return cores;
    }
}
