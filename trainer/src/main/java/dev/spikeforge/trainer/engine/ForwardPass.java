package dev.spikeforge.trainer.engine;

/**
 * The batched forward pass of the shared LIF semantics ({@link dev.spikeforge.neuron.FloatLif}),
 * layer by layer. Because every connection delays by one step, a layer's whole feed-forward input
 * is known once the layer below has run all T steps: its synaptic drive is one matmul (or
 * convolution) over all steps, and only the neuron recurrences loop over time.
 */
public final class ForwardPass {
    private ForwardPass() {}

    /** Binary spikes: inference and training. */
    public static void run(BatchWorkspace ws) {
        run(ws, null);
    }

    /** {@code options} null or without smoothForward gives binary spikes. */
    public static void run(BatchWorkspace ws, EngineOptions options) {
        for (int l = 0; l < ws.depth(); l++) ws.pass(l).forward(options);
    }
}
