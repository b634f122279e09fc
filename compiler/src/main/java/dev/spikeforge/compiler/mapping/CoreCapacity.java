package dev.spikeforge.compiler.mapping;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.proto.ChipProfile;

import java.util.ArrayList;
import java.util.List;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;

/**
 * How many neurons of a dense layer one core can hold, and the per-layer limits no split can fix.
 *
 * <p>A dense layer's every core needs all of the layer's inputs as input axons and stores fanIn synapses per
 * neuron. Its neurons send each spike to every core of the next layer, one output axon per (neuron, destination
 * core) pair, so a core holds at most output_axons / next-layer cores neurons.
 *
 * @param neuronsPerCore 0 when the layer cannot be mapped at all (see {@code violations})
 */
public record CoreCapacity(int neuronsPerCore, List<ConstraintViolation> violations) {

    /**
     * @param nextSize  neurons of the layer this one feeds (0 for the last layer, whose spikes go to the host)
     * @param nextCores cores of that layer
     */
    public static CoreCapacity of(LayerFootprint layer, ChipProfile p, int nextSize, int nextCores) {
        List<ConstraintViolation> v = new ArrayList<>();
        String name = layer.name();
        if (layer.fanIn() > p.getMaxFanIn()) {
            v.add(new ConstraintViolation(name, FAN_IN, layer.fanIn(), p.getMaxFanIn(),
                    "reduce the layer's inputs (smaller previous layer or input) or target a profile with a larger max fan-in"));
        }
        if (layer.fanIn() > p.getInputAxonsPerCore()) {
            v.add(new ConstraintViolation(name, INPUT_AXONS, layer.fanIn(), p.getInputAxonsPerCore(),
                    "every core of a dense layer receives all its inputs; reduce the layer's fan-in"));
        }
        long perNeuron = layer.synapseBitsPerNeuron(p);
        if (perNeuron > p.getSynapseMemoryBitsPerCore()) {
            v.add(new ConstraintViolation(name, SYNAPSE_MEMORY, perNeuron, p.getSynapseMemoryBitsPerCore(),
                    "one neuron's synapses must fit a core: use fewer weight bits or reduce the fan-in"));
        }
        if (nextSize > p.getMaxFanOut()) {
            v.add(new ConstraintViolation(name, FAN_OUT, nextSize, p.getMaxFanOut(),
                    "each neuron drives every neuron of the next layer; make the next layer smaller"));
        }
        if (nextCores > p.getOutputAxonsPerCore()) {
            v.add(new ConstraintViolation(name, OUTPUT_AXONS, nextCores, p.getOutputAxonsPerCore(),
                    "a neuron needs one output axon per core of the next layer; make the next layer smaller or use fewer weight bits there"));
        }
        if (!v.isEmpty()) return new CoreCapacity(0, v);

        long cap = p.getNeuronsPerCore();
        cap = Math.min(cap, p.getSynapseMemoryBitsPerCore() / Math.max(1, perNeuron));
        if (nextCores > 0) cap = Math.min(cap, p.getOutputAxonsPerCore() / nextCores);
        return new CoreCapacity((int) cap, List.of());
    }
}
