package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.SynapseStorage;

/**
 * One core's capacities, read once from a profile. Speck-style chips give per-core memories; every
 * core is sized by the smallest (the mapper does not exploit the larger ones).
 */
public record CoreLimits(
        int neurons,
        long inputAxons,
        long outputAxons,
        long memoryBits,
        int bitsPerSynapseOverhead,
        SynapseStorage storage,
        int axonTypes,
        long kernelEntries,
        long neuronEntries,
        int destinations,
        long maxFanIn,
        long maxFanOut,
        boolean convWeightSharing) {

    public CoreLimits(
            int neurons,
            long inputAxons,
            long outputAxons,
            long memoryBits,
            int bitsPerSynapseOverhead,
            SynapseStorage storage,
            int axonTypes,
            long kernelEntries,
            long neuronEntries,
            int destinations,
            long maxFanIn,
            long maxFanOut) {
        this(
                neurons,
                inputAxons,
                outputAxons,
                memoryBits,
                bitsPerSynapseOverhead,
                storage,
                axonTypes,
                kernelEntries,
                neuronEntries,
                destinations,
                maxFanIn,
                maxFanOut,
                false);
    }

    public static CoreLimits of(ChipProfile p) {
        long kernel =
                p.getKernelMemory().getKernelEntriesList().stream()
                        .mapToLong(Long::longValue)
                        .min()
                        .orElse(Long.MAX_VALUE);
        long neuron =
                p.getKernelMemory().getNeuronEntriesList().stream()
                        .mapToLong(Long::longValue)
                        .min()
                        .orElse(Long.MAX_VALUE);
        return new CoreLimits(
                p.getNeuronsPerCore(),
                p.getInputAxonsPerCore(),
                p.getOutputAxonsPerCore(),
                p.getSynapseMemoryBitsPerCore(),
                p.getBitsPerSynapseOverhead(),
                p.getSynapseStorage(),
                p.getAxonTypes(),
                kernel,
                neuron,
                p.getMaxDestinationCores() == 0 ? Integer.MAX_VALUE : p.getMaxDestinationCores(),
                p.getMaxFanIn(),
                p.getMaxFanOut(),
                p.getConvWeightSharing());
    }
}
