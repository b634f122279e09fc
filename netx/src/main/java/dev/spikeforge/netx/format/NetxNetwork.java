package dev.spikeforge.netx.format;

import java.util.List;

/**
 * The content of a netx file: its layers in order, the {@code simulation/tSample} steps per sample
 * (0 when absent) and Spikeforge's own record (null when absent), the JSON of the compiled network
 * the file was written from minus the numbers the layers carry (see {@code SpikeforgeRecord}). Lava
 * reads only {@code layer}.
 */
public record NetxNetwork(List<NetxLayer> layers, int tSample, String spikeforgeRecord) {
    public NetxNetwork {
        layers = List.copyOf(layers);
    }
}
