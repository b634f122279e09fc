package dev.spikeforge.compiler.mapping;

import static dev.spikeforge.compiler.constraint.ConstraintViolation.*;

import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.proto.SynapseStorage;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one layer into cores. First the limits no split can fix are checked on every neuron alone
 * (each named, with the worst neuron's need). Then neurons are packed greedily in index order, a
 * core closing when the next neuron would break one of its limits; when the same number of cores
 * split evenly (sizes differing by at most one) also fits, the even split is used to balance the
 * cores' work.
 */
final class LayerPacker {
    private LayerPacker() {}

    record Result(List<CoreUse> cores, List<ConstraintViolation> violations) {}

    static Result pack(int index, LayerShape layer, CoreLimits limits, Destinations dest) {
        List<ConstraintViolation> v = singleNeuronViolations(layer, limits, dest);
        if (!v.isEmpty()) return new Result(List.of(), v);
        List<CoreUse> greedy = greedy(index, layer, limits, dest);
        List<CoreUse> even = even(index, layer, limits, dest, greedy.size());
        return new Result(even != null ? even : greedy, List.of());
    }

    private static List<CoreUse> greedy(
            int index, LayerShape layer, CoreLimits limits, Destinations dest) {
        List<CoreUse> cores = new ArrayList<>();
        RangeCost r = new RangeCost(layer, limits, dest);
        r.start(0);
        for (int n = 1; n < layer.size(); n++) {
            r.add();
            if (!r.fits()) {
                // Close the core without n (rebuilt: cheaper than undoing, it happens once per
                // core) and start anew at n.
                cores.add(rebuild(layer, limits, dest, n - r.count() + 1, n).use(index));
                r.start(n);
            }
        }
        cores.add(r.use(index));
        return cores;
    }

    /** The even split into k cores, or null when one of its cores breaks a limit. */
    private static List<CoreUse> even(
            int index, LayerShape layer, CoreLimits limits, Destinations dest, int k) {
        List<CoreUse> out = new ArrayList<>(k);
        for (NeuronRange range : Partitioner.split(layer.size(), k)) {
            RangeCost r = rebuild(layer, limits, dest, range.begin(), range.end());
            if (!r.fits()) return null;
            out.add(r.use(index));
        }
        return out;
    }

    private static RangeCost rebuild(
            LayerShape layer, CoreLimits limits, Destinations dest, int begin, int end) {
        RangeCost r = new RangeCost(layer, limits, dest);
        r.start(begin);
        for (int n = begin + 1; n < end; n++) r.add();
        return r;
    }

    /**
     * Limits a single neuron already breaks, each with the largest need over the layer's neurons.
     */
    private static List<ConstraintViolation> singleNeuronViolations(
            LayerShape layer, CoreLimits limits, Destinations dest) {
        long fanIn = 0, axons = 0, bits = 0, outAxons = 0, kernel = 0, dests = 0;
        RangeCost r = new RangeCost(layer, limits, dest);
        for (int n = 0; n < layer.size(); n++) {
            r.start(n);
            fanIn = Math.max(fanIn, r.storedInputs(n));
            axons = Math.max(axons, r.inputAxons());
            bits = Math.max(bits, r.synapseBits());
            outAxons = Math.max(outAxons, r.outputAxons());
            kernel = Math.max(kernel, r.kernelEntries());
            dests = Math.max(dests, r.destinations());
        }
        String name = layer.name();
        List<ConstraintViolation> v = new ArrayList<>();
        if (fanIn > limits.maxFanIn()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            FAN_IN,
                            fanIn,
                            limits.maxFanIn(),
                            "reduce the layer's inputs (smaller previous layer or input) or target"
                                    + " a profile with a larger max fan-in"));
        }
        if (axons > limits.inputAxons()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            INPUT_AXONS,
                            axons,
                            limits.inputAxons(),
                            limits.storage() == SynapseStorage.CROSSBAR
                                    ? "a core receives every input once per weight level used;"
                                            + " reduce the fan-in or the weight levels (fewer bits)"
                                    : "every core of a dense layer receives all its inputs; reduce"
                                            + " the layer's fan-in"));
        }
        if (limits.storage() != SynapseStorage.KERNEL_MEMORY && bits > limits.memoryBits()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            SYNAPSE_MEMORY,
                            bits,
                            limits.memoryBits(),
                            "one neuron's synapses must fit a core: use fewer weight bits or reduce"
                                    + " the fan-in"));
        }
        if (dest.maxFanOut > limits.maxFanOut()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            FAN_OUT,
                            dest.maxFanOut,
                            limits.maxFanOut(),
                            "a neuron's spike reaches this many neurons of the next layer; make"
                                    + " that layer smaller (fewer units or channels)"));
        }
        if (outAxons > limits.outputAxons()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            OUTPUT_AXONS,
                            outAxons,
                            limits.outputAxons(),
                            "a neuron needs one output axon per core of the next layer; make the"
                                    + " next layer smaller or use fewer weight bits there"));
        }
        if (limits.storage() == SynapseStorage.KERNEL_MEMORY && kernel > limits.kernelEntries()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            KERNEL_MEMORY,
                            kernel,
                            limits.kernelEntries(),
                            "one neuron's kernel (fan-in entries) must fit a core's kernel memory;"
                                    + " reduce the fan-in"));
        }
        if (dests > limits.destinations()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            DESTINATION_CORES,
                            dests,
                            limits.destinations(),
                            "a core may send to only this many cores; make the next layer smaller"
                                    + " (fewer cores)"));
        }
        if (limits.axonTypes() > 0 && layer.weightLevels() > limits.axonTypes()) {
            v.add(
                    new ConstraintViolation(
                            name,
                            WEIGHT_LEVELS,
                            layer.weightLevels(),
                            limits.axonTypes(),
                            "a neuron holds one weight per axon type; use --weight-bits 2 (ternary:"
                                    + " 2 levels) or train with fewer levels"));
        }
        return v;
    }
}
