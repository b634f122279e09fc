package dev.spikeforge.trainer.adapt;

/**
 * Keeps each layer's chi (the share of its neuron-steps that receive gradient, see {@link Chi})
 * inside [chiMin, chiMax] (methods.md §5, our rule): after an epoch whose chi fell below chiMin the
 * layer's surrogate is widened by {@link #FACTOR} (s ← s/1.25 with γ ← γ/1.25, so the area γ/s
 * stays), above chiMax it is sharpened by the same factor; inside the band it is left alone.
 */
public record ChiAdaptation(double chiMin, double chiMax) {
    public static final double FACTOR = 1.25;

    public ChiAdaptation {
        if (!(chiMin >= 0 && chiMin < chiMax && chiMax <= 1)) {
            throw new IllegalArgumentException(
                    "--chi-adapt: need 0 <= chi_min < chi_max <= 1, got " + chiMin + "," + chiMax);
        }
    }

    /** "0.1,0.5". */
    public static ChiAdaptation parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2)
            throw new IllegalArgumentException(
                    "--chi-adapt: expected CHI_MIN,CHI_MAX (e.g. 0.1,0.5), got '" + text + "'");
        try {
            return new ChiAdaptation(
                    Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--chi-adapt: expected two numbers CHI_MIN,CHI_MAX (e.g. 0.1,0.5), got '"
                            + text
                            + "'");
        }
    }

    /**
     * The factor by which to widen a layer's surrogate after an epoch with this chi (1 =
     * unchanged).
     */
    public double widening(double chi) {
        if (chi < chiMin) return FACTOR;
        if (chi > chiMax) return 1 / FACTOR;
        return 1;
    }

    public String describe() {
        return chiMin + "," + chiMax;
    }
}
