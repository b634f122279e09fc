package dev.spikeforge.nir.graph;

/**
 * Element types a NIR array is stored with; kept so an exported file has the dtypes the imported
 * one had.
 */
public enum DType {
    FLOAT32,
    FLOAT64,
    INT64,
    INT32;

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The value as this type would store it (float32 rounds, integers truncate toward zero). */
    public double round(double v) {
        return switch (this) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT64 -> (long) v;
            case INT32 -> (int) v;
        };
    }
}
