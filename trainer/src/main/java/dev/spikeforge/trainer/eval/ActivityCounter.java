package dev.spikeforge.trainer.eval;

import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.LayerInput;
import dev.spikeforge.trainer.network.ConvLayer;
import dev.spikeforge.trainer.network.ConvShape;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.network.RecurrentLayer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accumulates spikes and synaptic operations over batches. A synaptic op is one spike reaching one
 * synapse: every spike of every step (the last step included, as the chip delivers it too) costs
 * the number of non-zero weights it drives — its column of the next layer's weights, of its own
 * layer's recurrent weights, or, into a conv layer, the kernel taps that cover its position; a
 * layer read by several layers drives each of them. A pooled value counts each spike in its window.
 * Analog input (direct or sequential encoding) is not an event and costs no synaptic ops.
 */
public final class ActivityCounter {
    private final LifNetwork net;
    private final int steps;
    private final double[][]
            fanOut; // [layer][source position]: synapses of layer l driven per unit of its input
    private final double[][] selfFanOut; // recurrent layers: per own neuron
    private final double[] spikes; // per spiking layer
    private double inputSpikes, synapticOps;
    private long samples;

    public ActivityCounter(LifNetwork net, int steps) {
        this.net = net;
        this.steps = steps;
        fanOut = new double[net.depth()][];
        selfFanOut = new double[net.depth()][];
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            fanOut[l] =
                    layer instanceof ConvLayer c
                            ? convFanOut(c)
                            : nonZeroPerColumn(layer.weights());
            if (layer instanceof RecurrentLayer r) selfFanOut[l] = nonZeroPerColumn(r.recurrent());
        }
        spikes = new double[net.spikingLayers()];
    }

    private static double[] nonZeroPerColumn(INDArray w) {
        return w.neq(0).castTo(DataType.DOUBLE).sum(0).toDoubleVector();
    }

    /**
     * Per input position: the output positions and channels whose kernel covers it with a non-zero
     * weight.
     */
    private static double[] convFanOut(ConvLayer c) {
        ConvShape s = c.shape();
        INDArray taps = c.weights().neq(0).castTo(DataType.FLOAT);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, s.inChannels(), s.inHeight(), s.inWidth());
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, s.outChannels(), s.outHeight(), s.outWidth());
        INDArray gx = Nd4j.create(DataType.FLOAT, 1, s.inChannels(), s.inHeight(), s.inWidth());
        INDArray gw =
                Nd4j.create(
                        DataType.FLOAT, s.outChannels(), s.inChannels(), s.kernel(), s.kernel());
        Nd4j.exec(
                DynamicCustomOp.builder("conv2d_bp")
                        .addInputs(x, taps, ones)
                        .addOutputs(gx, gw)
                        .addIntegerArguments(
                                s.kernel(),
                                s.kernel(),
                                s.stride(),
                                s.stride(),
                                s.padding(),
                                s.padding(),
                                1,
                                1,
                                0,
                                0,
                                1)
                        .build());
        return gx.reshape(gx.length()).toDoubleVector();
    }

    /** Counts the activity of the batch just run through the forward pass. */
    public void add(BatchWorkspace ws, boolean inputIsSpikes) {
        LayerInput in = ws.input();
        if (inputIsSpikes && !in.isConstant()) {
            double[] perInput = in.steps().all().sum(0).toDoubleVector();
            inputSpikes += total(perInput);
            for (int m : net.readersOf(-1)) synapticOps += dot(perInput, fanOut[m]);
        }
        for (int l = 0; l < spikes.length; l++) {
            double[] perNeuron = ws.layer(l).spikes().all().sum(0).toDoubleVector();
            spikes[l] += total(perNeuron);
            if (selfFanOut[l] != null) synapticOps += dot(perNeuron, selfFanOut[l]);
            List<Integer> readers = net.readersOf(l);
            if (!readers.isEmpty()) {
                double[] perOutput =
                        ws.layer(l).pooled()
                                ? ws.layer(l).output().all().sum(0).toDoubleVector()
                                : perNeuron;
                for (int m : readers) synapticOps += dot(perOutput, fanOut[m]);
            }
        }
        samples += ws.batch();
    }

    private static double total(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    public long samples() {
        return samples;
    }

    public double inputSpikesPerSample() {
        return samples == 0 ? 0 : inputSpikes / samples;
    }

    /** Spikes emitted by the network's neurons (input spikes excluded). */
    public double spikesPerSample() {
        return samples == 0 ? 0 : total(spikes) / samples;
    }

    public double synapticOpsPerSample() {
        return samples == 0 ? 0 : synapticOps / samples;
    }

    /** Spikes per neuron per step, per spiking layer. */
    public double[] firingRates() {
        double[] r = new double[spikes.length];
        for (int l = 0; l < r.length; l++)
            r[l] =
                    samples == 0
                            ? 0
                            : spikes[l] / ((double) samples * steps * net.layer(l).neurons());
        return r;
    }
}
