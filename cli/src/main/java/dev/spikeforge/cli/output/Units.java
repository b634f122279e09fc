package dev.spikeforge.cli.output;

/** Human formatting of the quantities the commands print. */
public final class Units {
    private Units() {}

    /** Joules with an SI prefix, e.g. 1.23 µJ. */
    public static String joules(double j) {
        double a = Math.abs(j);
        if (a == 0) return "0 J";
        String[] p = {"J", "mJ", "µJ", "nJ", "pJ", "fJ"};
        int k = 0;
        while (a < 1 && k < p.length - 1) {
            a *= 1000;
            j *= 1000;
            k++;
        }
        return String.format("%.3g %s", j, p[k]);
    }

    public static String percent(double fraction) {
        return String.format("%.2f %%", 100 * fraction);
    }
}
