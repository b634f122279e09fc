package dev.spikeforge.trainer.stability;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.proto.ScoreMode;
import dev.spikeforge.trainer.ConfigException;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.config.LayerSpec;
import dev.spikeforge.trainer.network.ConvShape;
import dev.spikeforge.trainer.network.InputGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stability solver needs to know about a network before it exists.
 *
 * @param neuron the spiking layers' neuron (α = 1 − dv, θ)
 * @param layers every layer in order, the output layer last
 * @param input the first layer's input statistics
 * @param steps steps per sample (for the expected firing rate)
 * @param family the surrogate shape whose sharpness and dampening are chosen
 */
public record StabilityProblem(
        FloatLif neuron,
        List<Layer> layers,
        InputStatistics input,
        int steps,
        SurrogateFamily family) {

    /**
     * @param fanIn inputs per neuron (conv: in-channels × kernel²)
     * @param size neurons (conv: output channels × positions)
     * @param recurrent the layer also hears its own spikes (needs size ≥ 2)
     * @param spiking false for the non-spiking readout
     * @param pool the sum-pooling window of its spikes (1 = none): what the next layer reads
     */
    public record Layer(
            String name, int fanIn, int size, boolean recurrent, boolean spiking, int pool) {
        public Layer {
            if (fanIn < 1 || size < 1)
                throw new IllegalArgumentException(
                        "layer '" + name + "': fan-in and size must be >= 1");
            if (recurrent && size < 2)
                throw new IllegalArgumentException(
                        "layer '"
                                + name
                                + "': a recurrent layer needs >= 2 neurons (n_rec - 1 divides)");
        }
    }

    public StabilityProblem {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) throw new IllegalArgumentException("no layers");
        if (steps < 2) throw new IllegalArgumentException("steps must be >= 2, got " + steps);
    }

    public double alpha() {
        return 1 - neuron.dv();
    }

    public double threshold() {
        return neuron.threshold();
    }

    /**
     * A dense MLP (or recurrent stack) inputs → hidden… → outputs, the output a non-spiking
     * readout.
     */
    public static StabilityProblem mlp(
            int inputs,
            int[] hidden,
            int outputs,
            boolean recurrent,
            FloatLif neuron,
            InputStatistics input,
            int steps,
            SurrogateFamily family) {
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l < hidden.length; l++) {
            layers.add(
                    new Layer(
                            (recurrent ? "recurrent" : "hidden") + l,
                            fanIn,
                            hidden[l],
                            recurrent,
                            true,
                            1));
            fanIn = hidden[l];
        }
        layers.add(new Layer("readout", fanIn, outputs, false, false, 1));
        return new StabilityProblem(neuron, layers, input, steps, family);
    }

    /** The layers a training configuration builds, with the names the trainer gives them. */
    public static StabilityProblem of(
            TrainingConfig c,
            InputGeometry geometry,
            int classes,
            InputStatistics input,
            SurrogateFamily family) {
        List<Layer> layers = new ArrayList<>();
        int fanIn = geometry.perStep();
        int channels = geometry.channels(), height = geometry.height(), width = geometry.width();
        for (int l = 0; l < c.layers().size(); l++) {
            LayerSpec spec = c.layers().get(l);
            if (!spec.sources().isEmpty()) {
                // The solver propagates one input's statistics layer by layer; a sum of correlated
                // sources is not modelled.
                throw new ConfigException(
                        "init",
                        "stable init does not model layers that sum several sources (layer "
                                + l
                                + " reads "
                                + spec.sources()
                                + "); use the default initializer");
            }
            if (spec instanceof LayerSpec.Conv cv) {
                ConvShape s =
                        new ConvShape(
                                channels,
                                height,
                                width,
                                cv.channels(),
                                cv.kernel(),
                                cv.padding(),
                                cv.stride(),
                                cv.pool());
                String problem = s.problem();
                if (problem != null)
                    throw new ConfigException("layers", "conv layer " + l + ": " + problem);
                layers.add(new Layer("conv" + l, s.fanIn(), s.neurons(), false, true, s.pool()));
                channels = s.outChannels();
                height = s.pooledHeight();
                width = s.pooledWidth();
                fanIn = channels * height * width;
            } else if (spec instanceof LayerSpec.Recurrent r) {
                layers.add(new Layer("recurrent" + l, fanIn, r.size(), true, true, 1));
                fanIn = r.size();
            } else {
                int size = ((LayerSpec.Dense) spec).size();
                layers.add(new Layer("hidden" + l, fanIn, size, false, true, 1));
                fanIn = size;
            }
        }
        boolean counts = c.loss().score() == ScoreMode.SCORE_SPIKE_COUNT;
        layers.add(new Layer(counts ? "output" : "readout", fanIn, classes, false, counts, 1));
        return new StabilityProblem(c.hiddenNeuron(), layers, input, c.steps(), family);
    }
}
