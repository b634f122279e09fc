package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.CostModel;
import dev.spikeforge.proto.EventCost;
import java.util.function.Function;

/**
 * The events a chip is charged for. Each has an energy and a latency in the profile's {@link
 * CostModel}; the events that occupy a core add their latency to that core's busy time in the step,
 * the network's (hops) do not: a message in flight delays its arrival, not a core.
 */
public enum EventKind {
    SYNAPTIC_OP_DENSE("synaptic_op_dense", CostModel::getSynapticOpDense, true),
    SYNAPTIC_OP_SPARSE("synaptic_op_sparse", CostModel::getSynapticOpSparse, true),
    SYNAPTIC_OP_CONV("synaptic_op_conv", CostModel::getSynapticOpConv, true),
    NEURON_ACCESS("neuron_access", CostModel::getNeuronAccess, true),
    NEURON_UPDATE("neuron_update", CostModel::getNeuronUpdate, true),
    SPIKE("spike", CostModel::getSpike, true),
    MESSAGE_OUT("message_out", CostModel::getMessageOut, true),
    MESSAGE_IN("message_in", CostModel::getMessageIn, true),
    HOP_X("hop_x", CostModel::getHopX, false),
    HOP_Y("hop_y", CostModel::getHopY, false),
    CHIP_HOP("chip_hop", CostModel::getChipHop, false),
    /** On top of MESSAGE_OUT/MESSAGE_IN for a message that carries a payload (graded spike). */
    GRADED_MESSAGE("graded_message", CostModel::getGradedMessage, true),
    /** A synaptic op of a layer the host computes; the host is busy for it, no core is. */
    HOST_MAC("host_mac", CostModel::getHostMac, false);

    public static final EventKind[] ALL = values();
    public static final int COUNT = ALL.length;

    private final String field;
    private final Function<CostModel, EventCost> cost;
    private final boolean occupiesCore;

    EventKind(String field, Function<CostModel, EventCost> cost, boolean occupiesCore) {
        this.field = field;
        this.cost = cost;
        this.occupiesCore = occupiesCore;
    }

    /**
     * The field of {@code CostModel} (and of the profile JSON's {@code cost} object) that prices
     * this event.
     */
    public String field() {
        return field;
    }

    EventCost costIn(CostModel m) {
        return cost.apply(m);
    }

    /**
     * Whether the event keeps a core busy (adds to its time in the step); hops keep only the
     * network busy.
     */
    public boolean occupiesCore() {
        return occupiesCore;
    }

    public boolean synapticOp() {
        return this == SYNAPTIC_OP_DENSE || this == SYNAPTIC_OP_SPARSE || this == SYNAPTIC_OP_CONV;
    }
}
