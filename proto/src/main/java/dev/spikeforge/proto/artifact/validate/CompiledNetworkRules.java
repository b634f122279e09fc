package dev.spikeforge.proto.artifact.validate;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;
import dev.spikeforge.proto.FixedLifParams;
import dev.spikeforge.proto.InputSpec;
import dev.spikeforge.proto.Route;
import dev.spikeforge.proto.SparseWeights;
import java.util.Arrays;

/**
 * Every number a compiled network runs on, against docs/compiled-network.md: sizes and wiring, the
 * fixed-point neuron fields, weights against their width, the core map (every neuron on exactly one
 * core) and routes, and the embedded profile. The report is informational (nothing runs on it) and
 * is not checked. Memory used is at most proportional to the network's own synapse lists, never to
 * a declared size, so a small file that declares a huge layer is refused cheaply.
 */
final class CompiledNetworkRules {
    private final CompiledNetwork net;
    private final Problems problems;

    /**
     * The largest payload a spike of each layer can carry (1: binary spikes), for the bounds of the
     * layers it feeds.
     */
    private long[] payloadMax;

    /** The same for host input events. */
    private long inputPayloadMax = 1;

    private CompiledNetworkRules(CompiledNetwork net, Problems problems) {
        this.net = net;
        this.problems = problems;
    }

    static void check(CompiledNetwork net, Problems problems) {
        new CompiledNetworkRules(net, problems).check();
    }

    private void check() {
        EmbeddedProfileRules.check(net.getProfile(), "profile.", problems);
        input(net.getInput());
        boolean inputOk =
                problems.unsigned("input_size", net.getInputSize(), 1, FormatLimits.MAX_NEURONS);
        if (net.getLayersCount() == 0) {
            problems.add("layers", "there are none (a network needs at least one layer)");
            return;
        }
        if (!problems.range("layers", net.getLayersCount(), 1, FormatLimits.MAX_LAYERS)) return;
        inputPayload();
        long[] sizes = new long[net.getLayersCount()];
        payloadMax = new long[sizes.length];
        for (int l = 0; l < sizes.length; l++) {
            CompiledLayer layer = net.getLayers(l);
            String at = where(l, layer);
            sizes[l] =
                    problems.unsigned(at + "size", layer.getSize(), 1, FormatLimits.MAX_NEURONS)
                            ? Integer.toUnsignedLong(layer.getSize())
                            : -1;
            long fanIn = source(l, layer, at, sizes, inputOk);
            neuron(layer, at, sizes[l]);
            payloadMax[l] = 1;
            if (sizes[l] > 0) layer(l, layer, at, sizes[l], fanIn);
        }
        cores(sizes);
        routes();
    }

    private void input(InputSpec in) {
        problems.known("input.encoding", in.getEncoding(), in.getEncodingValue());
        problems.unsigned("input.steps", in.getSteps(), 0, FormatLimits.MAX_STEPS);
        problems.finite("input.gain", in.getGain(), 0, Float.MAX_VALUE);
        problems.finite(
                "input.latency_cutoff", in.getLatencyCutoff(), -Float.MAX_VALUE, Float.MAX_VALUE);
        for (int i = 0; i < in.getShapeCount(); i++)
            problems.unsigned(
                    "input.shape[" + i + "]", in.getShape(i), 1, FormatLimits.MAX_NEURONS);
    }

    /**
     * How input events reach layer 0: binary spikes, or payloads of a width the profile (or the
     * host) takes.
     */
    private void inputPayload() {
        if (!net.hasInputPayload()) return;
        var pay = net.getInputPayload();
        if (!problems.known("input_payload.mode", pay.getMode(), pay.getModeValue())) return;
        boolean host0 = net.getLayers(0).getOnHost();
        switch (pay.getMode()) {
            case INPUT_SPIKES -> {
                if (host0)
                    problems.field(
                            "layers[0].on_host",
                            "is set, but input_payload.mode is INPUT_SPIKES (a host layer takes"
                                    + " INPUT_HOST)");
                return;
            }
            case INPUT_GRADED -> {
                if (host0)
                    problems.field(
                            "layers[0].on_host",
                            "is set, but input_payload.mode is INPUT_GRADED (a host layer takes"
                                    + " INPUT_HOST)");
                long chip = Integer.toUnsignedLong(net.getProfile().getGradedSpikeBits());
                if (chip == 0) {
                    problems.field(
                            "input_payload.mode",
                            "is INPUT_GRADED, but profile '"
                                    + net.getProfile().getName()
                                    + "' has no graded spikes (graded_spike_bits 0): compile with"
                                    + " --input-mode host");
                } else {
                    problems.unsigned("input_payload.bits", pay.getBits(), 2, chip);
                }
            }
            case INPUT_HOST -> {
                if (!host0)
                    problems.field(
                            "layers[0].on_host",
                            "must be set with input_payload.mode INPUT_HOST (the host computes"
                                    + " layer 0)");
                problems.unsigned(
                        "input_payload.bits", pay.getBits(), 2, FormatLimits.MAX_PAYLOAD_BITS);
            }
            default -> {}
        }
        problems.finite("input_payload.scale", pay.getScale(), Double.MIN_NORMAL, Double.MAX_VALUE);
        problems.finite("input_payload.max_abs_error", pay.getMaxAbsError(), 0, Double.MAX_VALUE);
        long bits = Integer.toUnsignedLong(pay.getBits());
        if (bits >= 2 && bits <= FormatLimits.MAX_PAYLOAD_BITS) inputPayloadMax = 1L << (bits - 1);
    }

    /**
     * Checks source, sources and fan_in; returns the fan-in when it is consistent, else -1. Every
     * source (several for a residual layer: `sources`, `source` first) must be the input or an
     * earlier layer as long as fan_in.
     */
    private long source(int l, CompiledLayer layer, String at, long[] sizes, boolean inputOk) {
        int src = layer.getSource();
        if (l == 0 && src != -1) {
            problems.field(
                    at + "source",
                    "is " + src + ", but layer 0 must read the input axons (source -1)");
            return -1;
        }
        if (!problems.range(at + "source", src, -1, l - 1)) return -1;
        if (layer.getOnHost() && l != 0)
            problems.field(
                    at + "on_host", "is set on layer " + l + "; only layer 0 runs on the host");
        long fanIn = Integer.toUnsignedLong(layer.getFanIn());
        java.util.List<Integer> all =
                layer.getSourcesCount() == 0 ? java.util.List.of(src) : layer.getSourcesList();
        if (layer.getSourcesCount() > 0 && layer.getSources(0) != src) {
            problems.field(
                    at + "sources[0]",
                    "is " + layer.getSources(0) + ", but it must repeat source (" + src + ")");
            return -1;
        }
        boolean ok = true;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            int s = all.get(i);
            String f = layer.getSourcesCount() == 0 ? at + "source" : at + "sources[" + i + "]";
            if (!problems.range(f, s, -1, l - 1)) return -1;
            if (!seen.add(s)) {
                problems.field(f, "is " + s + " a second time (each source once)");
                return -1;
            }
            long expected =
                    s < 0 ? (inputOk ? Integer.toUnsignedLong(net.getInputSize()) : -1) : sizes[s];
            if (expected < 0) return -1;
            if (fanIn != expected) {
                problems.field(
                        at + "fan_in",
                        "is "
                                + fanIn
                                + ", but its source "
                                + (s < 0 ? "(the input, input_size)" : "layer " + s)
                                + " has "
                                + expected);
                ok = false;
            }
        }
        return ok ? fanIn : -1;
    }

    /** The largest payload a spike of source s carries (1 for binary spikes). */
    private long payloadOf(int s) {
        return s < 0 ? inputPayloadMax : payloadMax[s];
    }

    private void neuron(CompiledLayer layer, String at, long size) {
        FixedLifParams p = layer.getNeuron();
        String n = at + "neuron.";
        problems.unsigned(n + "du", p.getDu(), 0, FormatLimits.MAX_DECAY);
        problems.unsigned(n + "dv", p.getDv(), 0, FormatLimits.MAX_DECAY);
        problems.unsigned(n + "syn_shift", p.getSynShift(), 0, FormatLimits.MAX_SHIFT);
        problems.unsigned(n + "mem_shift", p.getMemShift(), 0, FormatLimits.MAX_SHIFT);
        problems.known(n + "reset", p.getReset(), p.getResetValue());
        ChipProfile profile = net.getProfile();
        if (p.getGraded()) {
            if (p.getReadout())
                problems.field(n + "graded", "is set on a readout, which never spikes");
            if (profile.getGradedSpikeBits() == 0 && !layer.getOnHost()) {
                problems.field(
                        n + "graded",
                        "is set, but profile '"
                                + profile.getName()
                                + "' has no graded spikes (graded_spike_bits 0)");
            }
        }
        if (problems.known(n + "model", p.getModel(), p.getModelValue())
                && !EmbeddedProfileRules.supports(profile, p.getModel())) {
            problems.field(
                    n + "model",
                    "is "
                            + p.getModel()
                            + ", but profile '"
                            + profile.getName()
                            + "' lists only CUBA_LIF"
                            + (profile.getNeuronModelsCount() == 0
                                    ? ""
                                    : " and " + profile.getNeuronModelsList())
                            + " (profile.neuron_models)");
        }
        withinProfile(
                n + "refractory_steps",
                p.getRefractorySteps(),
                profile.getMaxRefractorySteps(),
                "max_refractory_steps",
                FormatLimits.MAX_REFRACTORY_STEPS);
        withinProfile(
                at + "axon_delay",
                layer.getAxonDelay(),
                profile.getMaxAxonDelay(),
                "max_axon_delay",
                FormatLimits.MAX_AXON_DELAY);
        // With per-neuron thresholds the layer's vth_mant is not used for spiking (older files
        // carry 0 there).
        if (layer.getVthMantsCount() == 0)
            problems.range(n + "vth_mant", p.getVthMant(), 1, FormatLimits.MAX_VTH_MANT);
        else problems.range(n + "vth_mant", p.getVthMant(), 0, FormatLimits.MAX_VTH_MANT);
        if (size < 0) return;
        if (layer.getVthMantsCount() != 0
                && problems.count(
                        at + "vth_mants",
                        layer.getVthMantsCount(),
                        size,
                        "one per neuron, or none")) {
            firstOutside(at + "vth_mants", layer.getVthMantsList(), 1, FormatLimits.MAX_VTH_MANT);
        }
        if (layer.getNeuronScalesCount() != 0
                && problems.count(
                        at + "neuron_scales",
                        layer.getNeuronScalesCount(),
                        size,
                        "one per neuron, or none")) {
            for (int i = 0; i < layer.getNeuronScalesCount(); i++) {
                if (!problems.finite(
                        at + "neuron_scales[" + i + "]",
                        layer.getNeuronScales(i),
                        0,
                        Double.MAX_VALUE)) break;
            }
        }
        problems.finite(at + "scale", layer.getScale(), 0, Double.MAX_VALUE);
    }

    private void layer(int l, CompiledLayer layer, String at, long size, long fanIn) {
        int bits = layer.getWeightBits();
        boolean bitsOk =
                problems.unsigned(
                        at + "weight_bits",
                        bits,
                        FormatLimits.MIN_WEIGHT_BITS,
                        FormatLimits.MAX_WEIGHT_BITS);
        long maxW = bitsOk ? FormatLimits.maxWeight(bits) : -1;
        int exp = layer.getWeightExp();
        ChipProfile profile = net.getProfile();
        boolean expOk =
                profile.hasWeightExponent()
                        ? problems.range(
                                at + "weight_exp",
                                exp,
                                profile.getWeightExponent().getMin(),
                                profile.getWeightExponent().getMax())
                        : problems.range(
                                at + "weight_exp",
                                exp,
                                FormatLimits.MIN_WEIGHT_EXP,
                                FormatLimits.MAX_WEIGHT_EXP);
        if (layer.getBiasMantCount() != 0
                && problems.count(
                        at + "bias_mant",
                        layer.getBiasMantCount(),
                        size,
                        "one per neuron, or none")) {
            firstOutside(
                    at + "bias_mant",
                    layer.getBiasMantList(),
                    -FormatLimits.MAX_BIAS_MANT,
                    FormatLimits.MAX_BIAS_MANT);
        }
        problems.unsigned(at + "bias_exp", layer.getBiasExp(), 0, FormatLimits.MAX_BIAS_EXP);
        // Binary sources: per neuron the larger of its excitatory and inhibitory sums over every
        // synapse, feed-forward
        // and recurrent (the exact bound). Sources with payloads: the feed-forward bound times the
        // payloads of all
        // sources, plus the recurrent one. Spikes and pooling counts are never negative; input
        // payloads may be, and a
        // layer reading them is bounded by Σ|w| instead.
        long payloads = 0;
        boolean oneSign = true;
        for (int s :
                layer.getSourcesCount() == 0
                        ? java.util.List.of(layer.getSource())
                        : layer.getSourcesList()) {
            if (s >= -1 && s < l) payloads += payloadOf(s);
            if (s == -1 && inputPayloadMax > 1) oneSign = false;
        }
        boolean graded =
                payloads != Math.max(1, layer.getSourcesCount()) || layer.getNeuron().getGraded();
        StepInput drive = new StepInput(size), recurrent = graded ? new StepInput(size) : drive;
        if (fanIn >= 0) {
            if (layer.hasSparseWeights()) {
                if (layer.getWeightsCount() != 0)
                    problems.field(at + "weights", "must be empty when sparse_weights is given");
                sparse(at + "sparse_weights", layer.getSparseWeights(), fanIn, size, maxW, drive);
            } else if (problems.count(
                    at + "weights",
                    layer.getWeightsCount(),
                    size * fanIn,
                    "size × fan_in = " + size + " × " + fanIn)) {
                if (maxW >= 0) firstOutside(at + "weights", layer.getWeightsList(), -maxW, maxW);
                drive.addDense(layer.getWeightsList(), fanIn);
            }
        }
        boolean hasRecurrent =
                layer.hasSparseRecurrentWeights() || layer.getRecurrentWeightsCount() != 0;
        if (hasRecurrent && layer.getNeuron().getGraded())
            problems.field(at + "neuron.graded", "is set on a recurrent layer (not supported)");
        if (layer.hasSparseRecurrentWeights()) {
            if (layer.getRecurrentWeightsCount() != 0)
                problems.field(
                        at + "recurrent_weights",
                        "must be empty when sparse_recurrent_weights is given");
            sparse(
                    at + "sparse_recurrent_weights",
                    layer.getSparseRecurrentWeights(),
                    size,
                    size,
                    maxW,
                    recurrent);
        } else if (layer.getRecurrentWeightsCount() != 0
                && problems.count(
                        at + "recurrent_weights",
                        layer.getRecurrentWeightsCount(),
                        size * size,
                        "size × size, or none")) {
            if (maxW >= 0)
                firstOutside(
                        at + "recurrent_weights", layer.getRecurrentWeightsList(), -maxW, maxW);
            recurrent.addDense(layer.getRecurrentWeightsList(), size);
        }
        if (expOk && problems.isEmpty()) {
            long ff = oneSign ? drive.largestOneSign() : drive.largest();
            long most =
                    graded
                            ? saturatingAdd(saturatingMul(ff, payloads), recurrent.largestOneSign())
                            : ff;
            if (most > Integer.MAX_VALUE) {
                problems.add(
                        at + "weights",
                        "a neuron's inputs times their payloads sum to "
                                + most
                                + " in one step, beyond the 32-bit dendritic accumulator (lower the"
                                + " weights or the payloads' width)");
                return;
            }
            // most × 2^exp × 64 > 2^24, computed without shifting past 63 bits
            int shift = Math.max(0, exp) + 6;
            long scaled = exp < 0 ? most >> -exp : most;
            if (scaled > FormatLimits.MAX_STEP_INPUT >> shift) {
                problems.add(
                        at + "weights",
                        "a neuron's inputs sum to "
                                + most
                                + " in one step, × 2^"
                                + exp
                                + " × 64 = "
                                + java.math.BigInteger.valueOf(scaled).shiftLeft(shift)
                                + ", beyond the 24-bit current register's "
                                + FormatLimits.MAX_STEP_INPUT
                                + " (lower the weights or weight_exp)");
            } else if (layer.getNeuron().getGraded()) {
                payloadMax[l] = gradedPayloadBound(layer, scaled << shift);
                long chip = Integer.toUnsignedLong(profile.getGradedSpikeBits());
                if (chip > 0 && !layer.getOnHost() && payloadMax[l] > (1L << (chip - 1)) - 1) {
                    problems.add(
                            at + "neuron.graded",
                            "its spikes may carry payloads up to "
                                    + payloadMax[l]
                                    + ", beyond the profile's "
                                    + chip
                                    + "-bit graded spikes");
                }
            }
        }
    }

    /**
     * The largest payload (v &gt;&gt; 6 when it fires) a graded neuron can send: it fires as soon
     * as v exceeds its threshold, so v is at most the threshold plus one step's largest input and
     * bias.
     */
    private static long gradedPayloadBound(CompiledLayer layer, long stepInput) {
        long vth = layer.getNeuron().getVthMant();
        for (int m : layer.getVthMantsList()) vth = Math.max(vth, m);
        long bias = 0;
        for (int b : layer.getBiasMantList()) bias = Math.max(bias, Math.abs((long) b));
        long v = (vth << 6) + stepInput + (bias << layer.getBiasExp());
        return Math.min(v >> 6, FormatLimits.MAX_STEP_INPUT >> 6);
    }

    private static long saturatingMul(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    private static long saturatingAdd(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /**
     * CSR synapses of {@code sources} sources into {@code targets} neurons (docs: SparseWeights).
     */
    private void sparse(
            String at, SparseWeights s, long sources, long targets, long maxW, StepInput drive) {
        if (!problems.count(
                at + ".source_start", s.getSourceStartCount(), sources + 1, "fan_in + 1 offsets"))
            return;
        if (!problems.count(
                at + ".weight", s.getWeightCount(), s.getTargetCount(), "one weight per target"))
            return;
        long synapses = s.getTargetCount();
        if (s.getSourceStart(0) != 0
                || Integer.toUnsignedLong(s.getSourceStart((int) sources)) != synapses) {
            problems.field(
                    at + ".source_start",
                    "must start at 0 and end at the synapse count "
                            + synapses
                            + ", found "
                            + Integer.toUnsignedString(s.getSourceStart(0))
                            + " .. "
                            + Integer.toUnsignedString(s.getSourceStart((int) sources)));
            return;
        }
        int[] scratch = new int[0];
        for (int i = 0; i < sources; i++) {
            long from = Integer.toUnsignedLong(s.getSourceStart(i)),
                    to = Integer.toUnsignedLong(s.getSourceStart(i + 1));
            if (from > to || to > synapses) {
                problems.field(
                        at + ".source_start",
                        (from > to
                                ? "decreases at source " + i + " (" + from + " > " + to + ")"
                                : "entry "
                                        + (i + 1)
                                        + " is "
                                        + to
                                        + ", past the synapse count "
                                        + synapses));
                return;
            }
            boolean ascending = true;
            for (long k = from; k < to; k++) {
                long t = Integer.toUnsignedLong(s.getTarget((int) k));
                if (t >= targets) {
                    problems.field(
                            at + ".target[" + k + "]",
                            "is " + t + " (source " + i + "), outside 0.." + (targets - 1));
                    return;
                }
                if (k > from && t <= Integer.toUnsignedLong(s.getTarget((int) k - 1)))
                    ascending = false;
            }
            if (!ascending) {
                // Rare (the compiler writes targets ascending): sort a copy of this source's
                // targets to find a repeat.
                int len = (int) (to - from);
                if (scratch.length < len) scratch = new int[len];
                for (int k = 0; k < len; k++) scratch[k] = s.getTarget((int) from + k);
                Arrays.sort(scratch, 0, len);
                for (int k = 1; k < len; k++) {
                    if (scratch[k] == scratch[k - 1]) {
                        problems.add(
                                at + ".target",
                                "source " + i + " connects to neuron " + scratch[k] + " twice");
                        return;
                    }
                }
            }
        }
        if (maxW >= 0) firstOutside(at + ".weight", s.getWeightList(), -maxW, maxW);
        drive.addSparse(s);
    }

    private void cores(long[] sizes) {
        int n = net.getCoresCount();
        if (n == 0) {
            problems.add(
                    "cores",
                    "there are none: every neuron must be on exactly one core (the energy model"
                            + " counts active cores)");
            return;
        }
        if (!problems.range("cores", n, 1, FormatLimits.MAX_CORES)) return;
        ChipProfile p = net.getProfile();
        // Per layer, the cores' ranges sorted by begin must tile [0, size) exactly.
        long[][] ranges = new long[sizes.length][];
        int[] fill = new int[sizes.length];
        int[] perLayer = new int[sizes.length];
        boolean ok = true;
        for (int c = 0; c < n; c++) {
            Core core = net.getCores(c);
            String at = "cores[" + c + "].";
            if (Integer.toUnsignedLong(core.getId()) != c) {
                problems.field(
                        at + "id",
                        "is "
                                + Integer.toUnsignedString(core.getId())
                                + ", expected its position "
                                + c);
                ok = false;
            }
            if (p.getChips() != 0)
                problems.unsigned(
                        at + "chip", core.getChip(), 0, Integer.toUnsignedLong(p.getChips()) - 1);
            if (p.getMeshWidth() != 0)
                problems.unsigned(
                        at + "x", core.getX(), 0, Integer.toUnsignedLong(p.getMeshWidth()) - 1);
            if (p.getMeshHeight() != 0)
                problems.unsigned(
                        at + "y", core.getY(), 0, Integer.toUnsignedLong(p.getMeshHeight()) - 1);
            if (!problems.unsigned(at + "layer", core.getLayer(), 0, sizes.length - 1)) {
                ok = false;
                continue;
            }
            if (net.getLayers(core.getLayer()).getOnHost()) {
                problems.field(
                        at + "layer",
                        "is "
                                + core.getLayer()
                                + ", a layer the host computes (on_host): its neurons are on no"
                                + " core");
                ok = false;
                continue;
            }
            long size = sizes[core.getLayer()];
            long begin = Integer.toUnsignedLong(core.getNeuronBegin()),
                    end = Integer.toUnsignedLong(core.getNeuronEnd());
            if (size >= 0 && (begin > end || end > size)) {
                problems.field(
                        at + "neuron_begin",
                        "range ["
                                + begin
                                + ", "
                                + end
                                + ") is not inside layer "
                                + core.getLayer()
                                + "'s 0.."
                                + size);
                ok = false;
            }
            perLayer[core.getLayer()]++;
        }
        if (!ok) return;
        for (int l = 0; l < sizes.length; l++) ranges[l] = new long[perLayer[l]];
        for (int c = 0; c < n; c++) {
            Core core = net.getCores(c);
            int l = core.getLayer();
            // begin in the high half, core id in the low: sorting orders by begin and keeps the id
            // for the message
            ranges[l][fill[l]++] = Integer.toUnsignedLong(core.getNeuronBegin()) << 32 | c;
        }
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 0 || net.getLayers(l).getOnHost()) continue;
            Arrays.sort(ranges[l]);
            long next = 0;
            for (long r : ranges[l]) {
                Core core = net.getCores((int) r);
                long begin = r >>> 32, end = Integer.toUnsignedLong(core.getNeuronEnd());
                if (begin != next) {
                    problems.add(
                            "cores",
                            begin > next
                                    ? "neurons "
                                            + next
                                            + ".."
                                            + (begin - 1)
                                            + " of layer "
                                            + l
                                            + " are on no core"
                                    : "neuron "
                                            + begin
                                            + " of layer "
                                            + l
                                            + " is on two cores (core "
                                            + (int) r
                                            + " and an earlier one)");
                    return;
                }
                next = end;
            }
            if (next != sizes[l]) {
                problems.add(
                        "cores",
                        "neurons "
                                + next
                                + ".."
                                + (sizes[l] - 1)
                                + " of layer "
                                + l
                                + " are on no core");
                return;
            }
        }
    }

    private void routes() {
        long cores = net.getCoresCount();
        for (int r = 0; r < net.getRoutesCount(); r++) {
            Route route = net.getRoutes(r);
            String at = "routes[" + r + "].";
            problems.range(at + "src_core", route.getSrcCore(), -1, cores - 1);
            problems.unsigned(at + "dst_core", route.getDstCore(), 0, cores - 1);
            problems.unsigned(at + "hops", route.getHops(), 0, FormatLimits.MAX_ROUTE_HOPS);
        }
    }

    /**
     * A feature the profile bounds: at most the profile's maximum (itself at most the format's).
     */
    private void withinProfile(
            String field, int raw, int profileMax, String profileField, long formatMax) {
        long value = Integer.toUnsignedLong(raw),
                max = Math.min(formatMax, Integer.toUnsignedLong(profileMax));
        if (value > max) {
            problems.field(
                    field,
                    "is "
                            + value
                            + ", but profile '"
                            + net.getProfile().getName()
                            + "' allows at most "
                            + max
                            + " (profile."
                            + profileField
                            + ")");
        }
    }

    /**
     * Records the first entry outside [min, max], if any (one per list: a million bad weights are
     * one problem).
     */
    private void firstOutside(String field, java.util.List<Integer> values, long min, long max) {
        for (int i = 0, n = values.size(); i < n; i++) {
            long v = values.get(i);
            if (v < min || v > max) {
                problems.field(field + "[" + i + "]", "is " + v + ", outside " + min + ".." + max);
                return;
            }
        }
    }

    private static String where(int l, CompiledLayer layer) {
        return "layer " + l + (layer.getName().isEmpty() ? "" : " '" + layer.getName() + "'") + " ";
    }
}
