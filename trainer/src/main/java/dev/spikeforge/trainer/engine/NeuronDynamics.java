package dev.spikeforge.trainer.engine;

/** The LIF recurrence of one layer over all steps, and its adjoint. */
interface NeuronDynamics {
    /**
     * On entry the potential buffer holds the synaptic drive (step 0 zero); on exit ṽ, and z for
     * spiking layers.
     */
    void forward(LayerBuffers buf, EngineOptions options);

    /**
     * On entry grad holds dL/dz (readout: dL/dv) from the loss and the layer above; writes the bias
     * and neuron parameter gradients and returns the blocks holding dL/d(drive), from which the
     * synapses take theirs.
     */
    StepBlocks backward(LayerBuffers buf, LayerGradients grads, EngineOptions options);
}
