package dev.spikeforge.trainer.quant;

import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.RecurrentLayer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Straight-through weight quantization for quantization-aware training. The optimizer keeps float
 * ("latent") weights; each batch runs forward and backward on their quantized values W_int/k
 * ({@link WeightRule}, the compiler's rule, per layer), and the gradient so computed is applied to
 * the latent weights (the straight-through estimator: dQ/dW taken as 1). Implemented by swapping:
 * {@link #quantizeInPlace} saves the latent weights and writes the quantized ones into the
 * network's arrays; {@link #restoreLatent} puts the latent ones back before the optimizer step. A
 * recurrent layer's W and W_rec share one scale, as in the compiler (both sums meet before the
 * exponent), quantized as rows [W | W_rec].
 */
public final class WeightQuantization {
    private final int bits;
    private final List<Slot> slots = new ArrayList<>();
    private boolean quantized;

    /** One layer's arrays quantized together, and the buffers reused every batch. */
    private static final class Slot {
        final INDArray w, rec, latentW, latentRec;
        final float[] values;
        final int[] ints;
        final int rows, colsW, colsRec;

        Slot(Layer layer) {
            this.w = layer.weights();
            this.rec = layer instanceof RecurrentLayer r ? r.recurrent() : null;
            this.latentW = w.dup();
            this.latentRec = rec == null ? null : rec.dup();
            this.rows = (int) w.size(0);
            this.colsW = (int) (w.length() / rows);
            this.colsRec = rec == null ? 0 : (int) rec.size(1);
            this.values = new float[(int) (w.length() + (rec == null ? 0 : rec.length()))];
            this.ints = new int[values.length];
        }
    }

    public WeightQuantization(LifNetwork net, int bits) {
        if (bits < 1 || bits > 16)
            throw new IllegalArgumentException("weight bits must be 1..16, got " + bits);
        this.bits = bits;
        for (Layer l : net.layers()) slots.add(new Slot(l));
    }

    public int bits() {
        return bits;
    }

    /** Saves the latent weights and puts their quantized values W_int/k in their place. */
    public void quantizeInPlace() {
        if (quantized) throw new IllegalStateException("weights are already quantized");
        for (Slot s : slots) {
            s.latentW.assign(s.w);
            if (s.rec != null) s.latentRec.assign(s.rec);
            float[] wv = flat(s.w); // [size, fanIn] (conv: [O, C·k·k]) row-major
            float[] rv = s.rec == null ? null : flat(s.rec);
            int width = s.colsW + s.colsRec;
            for (int n = 0; n < s.rows; n++) {
                System.arraycopy(wv, n * s.colsW, s.values, n * width, s.colsW);
                if (rv != null)
                    System.arraycopy(rv, n * s.colsRec, s.values, n * width + s.colsW, s.colsRec);
            }
            WeightRule.Quantized q = WeightRule.quantize(s.values, s.values.length, bits, s.ints);
            for (int n = 0; n < s.rows; n++) {
                for (int i = 0; i < s.colsW; i++)
                    wv[n * s.colsW + i] = (float) (q.values()[n * width + i] / q.k());
                if (rv != null)
                    for (int i = 0; i < s.colsRec; i++)
                        rv[n * s.colsRec + i] =
                                (float) (q.values()[n * width + s.colsW + i] / q.k());
            }
            s.w.assign(Nd4j.create(wv, s.w.shape(), 'c').castTo(s.w.dataType()));
            if (rv != null)
                s.rec.assign(Nd4j.create(rv, s.rec.shape(), 'c').castTo(s.rec.dataType()));
        }
        quantized = true;
    }

    /** Puts the latent weights back (the optimizer updates those). */
    public void restoreLatent() {
        if (!quantized) throw new IllegalStateException("weights are not quantized");
        for (Slot s : slots) {
            s.w.assign(s.latentW);
            if (s.rec != null) s.rec.assign(s.latentRec);
        }
        quantized = false;
    }

    /** Row-major values of any array (its own copy). */
    static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    public boolean quantized() {
        return quantized;
    }

    public String describe() {
        return bits
                + "-bit, per-layer scale, the compiler's rule ("
                + (bits == 1 ? "binary, k = 1/mean|W|" : bits >= 4 ? "k = qmax/max|W|" : "MSE clip")
                + ", round half away from zero), straight-through";
    }
}
