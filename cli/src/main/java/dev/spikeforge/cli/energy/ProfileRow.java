package dev.spikeforge.cli.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chip profile's line of {@code energy --profiles}: whether the network fits and, when it does,
 * what an inference costs there in energy and time, each with its band, beside the ANN baselines.
 *
 * @param reason why it does not fit (null when it does)
 * @param accuracy on-chip accuracy over the samples (NaN for a spike-file run)
 * @param bottleneck the core (and layer) that set the step time most often, in words
 * @param assumed the assumed figures this row's energy depends on
 * @param dominantPart the largest part of the energy, with its share and its figure's status, in
 *     words
 */
public record ProfileRow(
        String profile,
        boolean fits,
        String reason,
        int cores,
        int chips,
        double energyJ,
        double[] energyBandJ,
        double latencyS,
        double[] latencyBandS,
        double throughput,
        String bottleneck,
        double annFp32J,
        double annInt8J,
        double accuracy,
        List<String> assumed,
        String dominantPart,
        String pacing,
        long overloads) {

    public static ProfileRow unfit(String profile, String reason) {
        return new ProfileRow(
                profile,
                false,
                reason,
                0,
                0,
                Double.NaN,
                null,
                Double.NaN,
                null,
                Double.NaN,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                List.of(),
                null,
                null,
                0);
    }

    /** The JSON object of this row (fields named as the issue and other tools read them). */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", profile);
        m.put("fits", fits);
        if (!fits) {
            m.put("reason", reason);
            return m;
        }
        m.put("cores", cores);
        m.put("chips", chips);
        m.put("energy_per_inference_j", energyJ);
        m.put("energy_band_j", energyBandJ);
        m.put("latency_per_inference_s", latencyS);
        m.put("latency_band_s", latencyBandS);
        m.put("throughput_inferences_per_s", throughput);
        m.put("bottleneck", bottleneck);
        m.put("ann_fp32_j", annFp32J);
        m.put("ann_int8_j", annInt8J);
        m.put("accuracy", accuracy);
        m.put("pacing", pacing);
        m.put("overloads", overloads);
        m.put("dominant", dominantPart);
        m.put("assumed_figures", assumed);
        return m;
    }
}
