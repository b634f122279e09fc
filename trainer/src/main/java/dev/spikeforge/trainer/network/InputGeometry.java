package dev.spikeforge.trainer.network;

/**
 * The shape of one encoded sample as the first layer sees it: a [channels, height, width] map,
 * presented whole on every step, or row by row (one row of {@code width} values per step) for
 * sequential encoding.
 */
public record InputGeometry(int channels, int height, int width, boolean rowByRow) {

    public InputGeometry {
        if (channels < 1 || height < 1 || width < 1)
            throw new IllegalArgumentException("invalid input shape " + this);
    }

    /** Values the first layer reads per step. */
    public int perStep() {
        return rowByRow ? width : channels * height * width;
    }
}
