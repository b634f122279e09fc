package dev.spikeforge.trainer.export;

import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.LayerKind;
import dev.spikeforge.proto.ResetMode;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainedLayer;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.trainer.network.LifLayer;
import dev.spikeforge.trainer.network.LifNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/** Converts between the engine's {@link LifNetwork} and the layers of the {@link TrainedNetwork} artifact. */
public final class NetworkCodec {
    private NetworkCodec() {}

    public static List<TrainedLayer> toLayers(LifNetwork net) {
        List<TrainedLayer> out = new ArrayList<>();
        for (LifLayer l : net.layers()) {
            out.add(TrainedLayer.newBuilder()
                    .setName(l.name())
                    .setKind(l.readout() ? LayerKind.READOUT : LayerKind.DENSE_LIF)
                    .setSize(l.size())
                    .setWeights(tensor(l.weights(), l.size(), l.fanIn()))
                    .setBias(tensor(l.bias(), l.size()))
                    .setNeuron(params(l.neuron()))
                    .build());
        }
        return out;
    }

    private static Tensor tensor(INDArray a, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int d : shape) t.addShape(d);
        for (float v : a.castTo(DataType.FLOAT).dup('c').data().asFloat()) t.addValues(v);
        return t.build();
    }

    public static FloatLifParams params(FloatLif n) {
        return FloatLifParams.newBuilder().setDu((float) n.du()).setDv((float) n.dv()).setThreshold((float) n.threshold())
                .setReset(n.reset() == Reset.TO_ZERO ? ResetMode.RESET_TO_ZERO : ResetMode.RESET_BY_SUBTRACTION).build();
    }

    /**
     * The engine network a trained artifact describes. Accepts what the trainer writes: DENSE_LIF layers followed by
     * one READOUT; anything else is rejected with a message naming the layer.
     */
    public static LifNetwork fromProto(TrainedNetwork proto, DataType type) {
        int count = proto.getLayersCount();
        if (count == 0) throw new IllegalArgumentException("network '" + proto.getName() + "' has no layers");
        int fanIn = inputSize(proto);
        List<LifLayer> layers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TrainedLayer tl = proto.getLayers(i);
            String where = "layer " + i + " ('" + tl.getName() + "')";
            boolean last = i == count - 1;
            LayerKind expected = last ? LayerKind.READOUT : LayerKind.DENSE_LIF;
            if (tl.getKind() != expected) {
                throw new IllegalArgumentException(where + " is " + tl.getKind() + ", but the float evaluator supports DENSE_LIF layers "
                        + "followed by one READOUT (expected " + expected + " here)");
            }
            int size = tl.getSize();
            Tensor w = tl.getWeights();
            if (w.getShapeCount() != 2 || w.getShape(0) != size || w.getShape(1) != fanIn || w.getValuesCount() != size * fanIn) {
                throw new IllegalArgumentException(where + ": weights must be [" + size + ", " + fanIn + "] with " + size * fanIn
                        + " values, found shape " + w.getShapeList() + " with " + w.getValuesCount() + " values");
            }
            float[] bias = new float[size];
            Tensor b = tl.getBias();
            if (b.getValuesCount() != 0) {
                if (b.getValuesCount() != size) throw new IllegalArgumentException(where + ": bias has " + b.getValuesCount() + " values for " + size + " neurons");
                for (int k = 0; k < size; k++) bias[k] = b.getValues(k);
            }
            float[] weights = new float[size * fanIn];
            for (int k = 0; k < weights.length; k++) weights[k] = w.getValues(k);
            layers.add(new LifLayer(tl.getName(),
                    Nd4j.create(weights, new long[]{size, fanIn}, 'c').castTo(type),
                    Nd4j.create(bias, new long[]{1, size}, 'c').castTo(type),
                    neuron(tl.getNeuron(), last, where), last));
            fanIn = size;
        }
        return new LifNetwork(inputSize(proto), layers);
    }

    /** Product of the input shape; the first layer's fan-in when the shape is absent. */
    public static int inputSize(TrainedNetwork proto) {
        if (proto.getInput().getShapeCount() == 0) {
            return proto.getLayersCount() == 0 ? 0 : proto.getLayers(0).getWeights().getShapeCount() == 2 ? proto.getLayers(0).getWeights().getShape(1) : 0;
        }
        int n = 1;
        for (int d : proto.getInput().getShapeList()) n *= d;
        return n;
    }

    private static FloatLif neuron(FloatLifParams p, boolean readout, String where) {
        // A readout never compares against its threshold, so an unset (zero) one is harmless there.
        double threshold = readout && !(p.getThreshold() > 0) ? 1.0 : p.getThreshold();
        try {
            return new FloatLif(p.getDu(), p.getDv(), threshold,
                    p.getReset() == ResetMode.RESET_BY_SUBTRACTION ? Reset.BY_SUBTRACTION : Reset.TO_ZERO);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid neuron parameters: " + e.getMessage(), e);
        }
    }
}
