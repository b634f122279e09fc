package dev.spikeforge.compiler.constraint;

/**
 * One hardware limit a network breaks on a chip profile.
 *
 * @param layer the layer's name, or {@link #NETWORK} for limits of the whole network
 * @param constraint the limit's name, one of the constants below (stable: tools and tests match on
 *     it)
 * @param needed what the network needs, in the limit's unit
 * @param available what the profile offers
 * @param hint what a user can change to fit
 */
public record ConstraintViolation(
        String layer, String constraint, long needed, long available, String hint) {
    public static final String NETWORK = "(network)";

    public static final String FAN_IN = "fan_in";
    public static final String INPUT_AXONS = "input_axons";
    public static final String SYNAPSE_MEMORY = "synapse_memory";
    public static final String FAN_OUT = "fan_out";
    public static final String OUTPUT_AXONS = "output_axons";
    public static final String CORES = "cores";
    public static final String WEIGHT_BITS = "weight_bits";
    public static final String MIN_WEIGHT_BITS = "min_weight_bits";
    public static final String KERNEL_MEMORY = "kernel_memory";
    public static final String DESTINATION_CORES = "destination_cores";
    public static final String WEIGHT_LEVELS = "weight_levels";
    public static final String INPUT_CHANNELS = "input_channels";
    public static final String OUTPUT_NEURONS = "output_neurons";
    public static final String RESET_MODE = "reset_mode";
    public static final String GRADED_SPIKES = "graded_spikes";
    public static final String INPUT_MODE = "input_mode";

    /**
     * A layer sums a pooled map with unpooled ones, which takes a pooling layer of graded spikes.
     */
    public static final String POOLED_SOURCE = "pooled_source";

    /**
     * A layer's summed sources would reach it on different steps (pooling layers on some paths
     * only).
     */
    public static final String SOURCE_DELAY = "source_delay";

    /**
     * One line a user can act on, e.g. "layer 'hidden': synapse_memory needs 6272, available 4096
     * (use fewer weight bits)".
     */
    public String describe() {
        String where = NETWORK.equals(layer) ? "network" : "layer '" + layer + "'";
        return where
                + ": "
                + constraint
                + " needs "
                + needed
                + ", available "
                + available
                + " ("
                + hint
                + ")";
    }
}
