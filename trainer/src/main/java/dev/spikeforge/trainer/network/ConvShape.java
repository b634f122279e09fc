package dev.spikeforge.trainer.network;

/**
 * Geometry of a conv layer: input map [inChannels, inHeight, inWidth], convolution with a square
 * kernel, zero padding and a stride, LIF neurons on the output map [outChannels, outHeight,
 * outWidth], spikes sum-pooled over pool × pool windows for the next layer. outHeight = (inHeight +
 * 2·padding − kernel) / stride + 1 (rounded down, as in the artifact's {@code ConvGeometry}).
 */
public record ConvShape(
        int inChannels,
        int inHeight,
        int inWidth,
        int outChannels,
        int kernel,
        int padding,
        int stride,
        int pool) {

    public ConvShape {
        if (inChannels < 1
                || inHeight < 1
                || inWidth < 1
                || outChannels < 1
                || kernel < 1
                || padding < 0
                || stride < 1
                || pool < 1) {
            throw new IllegalArgumentException("invalid conv geometry " + this);
        }
    }

    /** Stride 1. */
    public ConvShape(
            int inChannels,
            int inHeight,
            int inWidth,
            int outChannels,
            int kernel,
            int padding,
            int pool) {
        this(inChannels, inHeight, inWidth, outChannels, kernel, padding, 1, pool);
    }

    public int outHeight() {
        return outExtent(inHeight);
    }

    public int outWidth() {
        return outExtent(inWidth);
    }

    private int outExtent(int in) {
        int span = in + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    public int inputSize() {
        return inChannels * inHeight * inWidth;
    }

    public int neurons() {
        return outChannels * outHeight() * outWidth();
    }

    public int pooledHeight() {
        return outHeight() / pool;
    }

    public int pooledWidth() {
        return outWidth() / pool;
    }

    public int outputSize() {
        return outChannels * pooledHeight() * pooledWidth();
    }

    /** Weights per output channel. */
    public int fanIn() {
        return inChannels * kernel * kernel;
    }

    /**
     * Null when the geometry works, else why not (the kernel does not fit, or the pool does not
     * divide the map).
     */
    public String problem() {
        if (outHeight() < 1 || outWidth() < 1) {
            return "a "
                    + kernel
                    + "x"
                    + kernel
                    + " kernel with padding "
                    + padding
                    + " does not fit the "
                    + inHeight
                    + "x"
                    + inWidth
                    + " input map";
        }
        if (outHeight() % pool != 0 || outWidth() % pool != 0) {
            return "pool "
                    + pool
                    + " does not divide the "
                    + outHeight()
                    + "x"
                    + outWidth()
                    + " output map";
        }
        return null;
    }
}
