package dev.spikeforge.nir.convert;

import dev.spikeforge.proto.ResetMode;

/**
 * What a spiking neuron without a {@code v_reset} parameter does after a spike, by the NIR version
 * that wrote the file. NIR up to 1.0.5 has no v_reset and defines the reset as v − v_threshold (the
 * equations in its IF, LIF and CubaLIF docstrings, e.g. 0.1 and 0.2, which wrote the NIR paper's
 * files). 1.0.6 adds v_reset (NIR pull request #129) and reads its absence as zeros (#143), so a
 * file of that version or later without v_reset resets to 0. The discussion of which is right (#63,
 * #137, #138) notes that the two agree in continuous time and differ only once time is discretized;
 * the importer takes each version as it was written and says which it used.
 */
record ResetRule(String version, ResetMode absentVReset) {
    /** The first NIR release with a v_reset parameter. */
    static final int[] FIRST_WITH_V_RESET = {1, 0, 6};

    static ResetRule of(String version) {
        return new ResetRule(
                version,
                before(version, FIRST_WITH_V_RESET)
                        ? ResetMode.RESET_BY_SUBTRACTION
                        : ResetMode.RESET_TO_ZERO);
    }

    /** A sentence for the import summary. */
    String describe() {
        return absentVReset == ResetMode.RESET_BY_SUBTRACTION
                ? "NIR "
                        + version
                        + " has no v_reset and resets by v − v_threshold: spiking layers without"
                        + " v_reset reset by subtraction"
                : "NIR "
                        + version
                        + " reads an absent v_reset as 0: spiking layers without v_reset reset to"
                        + " 0";
    }

    /**
     * True when {@code version} ("0.2.0", "1.0.7.dev3+g1234") is older than {@code release}; a
     * version that does not start with a number is taken as current.
     */
    static boolean before(String version, int[] release) {
        String[] parts = version.trim().split("[.+-]");
        for (int i = 0; i < release.length; i++) {
            int v;
            try {
                v = i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*$", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (v != release[i]) return v < release[i];
        }
        return false;
    }
}
