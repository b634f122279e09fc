package dev.spikeforge.runtime.sim.probe;

import java.util.List;

/**
 * Everything the probes of one run recorded, and the per-step, per-core activity when it was asked
 * for (else null).
 */
public record Recording(List<ProbeRecording> probes, ActivityTrace activity) {

    public static final Recording EMPTY = new Recording(List.of(), null);

    /** The first probe on this layer; the error lists the recorded layers. */
    public ProbeRecording of(String layer) {
        for (ProbeRecording p : probes) if (p.layer().equals(layer)) return p;
        throw new IllegalArgumentException(
                "layer '"
                        + layer
                        + "' was not recorded; recorded: "
                        + probes.stream().map(ProbeRecording::layer).toList());
    }

    public boolean isEmpty() {
        return probes.isEmpty() && activity == null;
    }
}
