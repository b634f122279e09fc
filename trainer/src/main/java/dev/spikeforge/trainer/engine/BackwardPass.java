package dev.spikeforge.trainer.engine;

/**
 * Backpropagation through time for {@link ForwardPass}, written out by hand, top layer first. On
 * entry each layer's {@link LayerBuffers#grad()} holds what the loss terms put there (dL/dscore in
 * the output layer, optional dL/dz of hidden layers); each layer adds its input gradient into the
 * layer below before that one runs.
 */
public final class BackwardPass {
    private BackwardPass() {}

    public static void run(BatchWorkspace ws, Gradients grads, EngineOptions options) {
        for (int l = ws.depth() - 1; l >= 0; l--) ws.pass(l).backward(grads.layer(l), options);
    }
}
