package dev.spikeforge.trainer.hybrid;

import dev.spikeforge.trainer.engine.SpikeQuantizer;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hybrid training (methods.md §6): each hidden layer's spike becomes an error-diffusion quantized
 * activation with dt levels. The rate quantized is r = S(ṽ − θ) / S(∞), S the smooth step whose
 * derivative is the layer's surrogate (so r rises from 0 to 1 across the threshold, over the
 * surrogate's width); the output q = n/dt takes the spike's place everywhere, the reset included
 * (v·(1 − q), or v − θ·q). The backward pass goes straight through the quantizer to r and keeps the
 * engine's surrogate derivative σ'(x) = S(∞)·dr/dx, so hybrid and spiking epochs share one gradient
 * scale. dt = 1 means binary spikes: the engine's own, exactly what the chip runs. Each batch
 * starts every neuron's error state afresh, uniform in [0, 1), from a seed per batch (so a resumed
 * run repeats it).
 */
public final class HybridActivations implements SpikeQuantizer {
    private final Map<Layer, ErrorDiffusion> states = new IdentityHashMap<>();
    private final Map<Layer, Boolean> fresh = new IdentityHashMap<>();
    private int levels = 1;
    private long batchSeed;

    /**
     * @param hidden the layers whose spikes are replaced (the output layer keeps its own)
     */
    public HybridActivations(List<Layer> hidden) {
        for (Layer l : hidden) states.put(l, new ErrorDiffusion());
    }

    /** dt from now on; 1 = binary spikes. */
    public void setLevels(int dt) {
        if (dt < 1) throw new IllegalArgumentException("levels must be >= 1, got " + dt);
        levels = dt;
    }

    public int levels() {
        return levels;
    }

    /** A new batch: every layer's error state restarts from this seed. */
    public void beginBatch(long seed) {
        batchSeed = seed;
        for (Layer l : states.keySet()) fresh.put(l, true);
    }

    @Override
    public boolean fire(Layer layer, INDArray x, INDArray out, Surrogate surrogate) {
        ErrorDiffusion state = states.get(layer);
        if (levels <= 1 || state == null) return false;
        if (fresh.getOrDefault(layer, true)) {
            state.reset(out, new SplittableRandom(batchSeed * 31 + layer.name().hashCode()));
            fresh.put(layer, false);
        }
        surrogate.value(x, out);
        out.divi(surrogate.area());
        state.step(out, levels, out);
        return true;
    }
}
