package dev.spikeforge.neuron.codec;

import dev.spikeforge.neuron.CubaLif;
import dev.spikeforge.neuron.Firing;
import dev.spikeforge.neuron.FixedNeuron;
import dev.spikeforge.neuron.FloatLif;
import dev.spikeforge.neuron.IntegrateFire;
import dev.spikeforge.neuron.Reset;
import dev.spikeforge.neuron.ShiftLif;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.FloatLifParams;
import dev.spikeforge.proto.NeuronModel;
import dev.spikeforge.proto.ResetMode;

/**
 * The one mapping between the neuron models and their proto form: the compiler writes a layer's
 * {@link FixedNeuron} with it, the simulator and the test references read it back with it, and the
 * trainer writes and reads resets with it. Validation is the models' own (their constructors), so a
 * file the simulator would refuse cannot be written from a model, and every reader refuses the same
 * files with the same message.
 */
public final class NeuronCodec {
    private NeuronCodec() {}

    /**
     * RESET_BY_SUBTRACTION subtracts; anything else, the proto default RESET_TO_ZERO included,
     * resets to zero.
     */
    public static Reset reset(ResetMode mode) {
        return mode == ResetMode.RESET_BY_SUBTRACTION ? Reset.BY_SUBTRACTION : Reset.TO_ZERO;
    }

    public static ResetMode toProto(Reset reset) {
        return reset == Reset.BY_SUBTRACTION
                ? ResetMode.RESET_BY_SUBTRACTION
                : ResetMode.RESET_TO_ZERO;
    }

    /**
     * The fixed-point model of a compiled layer: {@code neuron} and, when the layer has them, one
     * threshold per neuron from {@code vth_mants} (the per-layer {@code vth_mant} is then not read:
     * files compiled before the simulator read {@code vth_mants} carry 0 there on purpose).
     */
    public static FixedNeuron fromProto(CompiledLayer layer) {
        FixedLifParams p = layer.getNeuron();
        Reset reset = reset(p.getReset());
        int refractory = p.getRefractorySteps();
        Firing firing;
        if (layer.getVthMantsCount() == 0) {
            firing = Firing.of(p.getVthMant(), reset, p.getReadout(), refractory);
        } else {
            int size = layer.getSize(), count = layer.getVthMantsCount();
            if (count != size) {
                throw new IllegalArgumentException(
                        "vth_mants has "
                                + count
                                + " entries, expected one per neuron (size "
                                + size
                                + ") or none (every neuron then uses neuron.vth_mant)");
            }
            int[] mants = new int[size];
            for (int n = 0; n < size; n++) mants[n] = layer.getVthMants(n);
            firing = Firing.perNeuron(mants, reset, p.getReadout(), refractory);
        }
        if (p.getGraded()) firing = firing.graded();
        return switch (p.getModel()) {
            case CUBA_LIF -> new CubaLif(p.getDu(), p.getDv(), firing);
            case SHIFT_LIF -> new ShiftLif(p.getSynShift(), p.getMemShift(), firing);
            case INTEGRATE_AND_FIRE -> new IntegrateFire(firing);
            default ->
                    throw new IllegalArgumentException(
                            "neuron model " + p.getModel() + " is not known to this version");
        };
    }

    /**
     * The neuron parameters of a model. With per-neuron thresholds {@code vth_mant} is 0 and {@link
     * #writeTo} puts the thresholds into the layer's {@code vth_mants}.
     */
    public static FixedLifParams toProto(FixedNeuron neuron) {
        Firing f = neuron.firing();
        FixedLifParams.Builder b =
                FixedLifParams.newBuilder()
                        .setVthMant(f.vthMant())
                        .setReset(toProto(f.reset()))
                        .setReadout(f.readout())
                        .setRefractorySteps(f.refractorySteps())
                        .setGraded(f.isGraded());
        if (neuron instanceof CubaLif c) {
            b.setModel(NeuronModel.CUBA_LIF).setDu(c.du()).setDv(c.dv());
        } else if (neuron instanceof ShiftLif s) {
            b.setModel(NeuronModel.SHIFT_LIF).setSynShift(s.synShift()).setMemShift(s.memShift());
        } else if (neuron instanceof IntegrateFire) {
            b.setModel(NeuronModel.INTEGRATE_AND_FIRE);
        } else {
            throw new AssertionError("FixedNeuron is sealed; not mapped: " + neuron.getClass());
        }
        return b.build();
    }

    /**
     * Sets the layer's {@code neuron} and {@code vth_mants} (cleared when the model has one
     * threshold).
     */
    public static CompiledLayer.Builder writeTo(FixedNeuron neuron, CompiledLayer.Builder layer) {
        layer.setNeuron(toProto(neuron)).clearVthMants();
        int[] mants = neuron.firing().vthMants();
        if (mants != null) for (int m : mants) layer.addVthMants(m);
        return layer;
    }

    /** The float model's parameters (the trained network's form). */
    public static FloatLifParams toProto(FloatLif n) {
        return FloatLifParams.newBuilder()
                .setDu((float) n.du())
                .setDv((float) n.dv())
                .setThreshold((float) n.threshold())
                .setReset(toProto(n.reset()))
                .build();
    }
}
