package dev.spikeforge.cli.command;

import dev.spikeforge.cli.output.JsonLine;
import dev.spikeforge.cli.output.Units;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.layers.NetworkValidator;
import dev.spikeforge.compiler.profile.ChipProfiles;
import dev.spikeforge.compiler.report.UtilizationPlot;
import dev.spikeforge.data.DatasetException;
import dev.spikeforge.data.FashionMnist;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.AccuracyCheck;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.InputMode;
import dev.spikeforge.proto.InputPayload;
import dev.spikeforge.proto.LayerQuantization;
import dev.spikeforge.proto.MappingReport;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.proto.artifact.ArtifactFiles;
import dev.spikeforge.proto.artifact.ArtifactKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "compile",
        description =
                "Quantize a trained network to fixed point, map it onto the cores of a chip"
                    + " profile, and measure the compiled network's accuracy against the float one."
                    + " Exit code 2 lists every limit it breaks.")
public final class CompileCommand extends CommandBase {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "Trained network (artifact or its JSON form).")
    Path model;

    @Option(
            names = "--target",
            paramLabel = "PROFILE",
            defaultValue = ChipProfiles.DEFAULT,
            description =
                    "Shipped profile (loihi1, loihi2, truenorth, spinnaker1, xylo, speck, generic)"
                            + " or a profile JSON file (default: ${DEFAULT-VALUE}).")
    String target;

    @Mixin QuantizationOptions quantization;

    @Mixin MappingOptions mapping;

    @Option(
            names = "--validate",
            paramLabel = "N",
            defaultValue = "500",
            description =
                    "Test samples to measure compiled vs float accuracy on, and spike rates for"
                            + " placement (0: skip; default: ${DEFAULT-VALUE}).")
    int validate;

    @Mixin DataOptions data;

    @Option(
            names = "--png",
            paramLabel = "FILE",
            description = "Also write a heat map of core utilization on the mesh.")
    Path png;

    @Option(
            names = "--no-placement",
            description = "Keep cores in id order on the mesh (the naive placement).")
    boolean noPlacement;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "CHIP",
            description = "Where to write the compiled network.")
    Path out;

    @Override
    protected int run(JsonLine result) throws Exception {
        TrainedNetwork net = (TrainedNetwork) ArtifactIo.load(model, ArtifactKind.TRAINED_NETWORK);
        ChipProfile profile = ChipProfiles.load(target);
        CompileOptions opts =
                mapping.apply(quantization.apply(CompileOptions.defaults()))
                        .withOptimizePlacement(!noPlacement);
        LabeledImages slice = validation(net);
        if (slice != null) opts = opts.withValidation(slice);
        result.put("target", profile.getName());
        CompiledNetwork chip;
        try {
            chip = Compiler.compile(net, profile, opts);
        } catch (CompilationException e) {
            Violations.print(this::say, net.getName(), profile.getName(), e.violations());
            Violations.put(result, e.violations());
            return Violations.DOES_NOT_FIT;
        }
        ArtifactFiles.write(out, chip);
        report(this::say, chip);
        say("written to %s", out);
        result.put("fits", true).put("output", out.toString());
        putReport(result, chip);
        if (png != null) {
            UtilizationPlot.write(chip, png);
            say("utilization heat map: %s", png);
            result.put("png", png.toString());
        }
        return 0;
    }

    /**
     * The first --validate test images when they match the network's input; null (reported as
     * skipped) otherwise.
     */
    private LabeledImages validation(TrainedNetwork net) {
        if (validate <= 0) return null;
        try {
            LabeledImages test = data.load(FashionMnist.Split.TEST, validate);
            return test.features() == NetworkValidator.inputSize(net) ? test : null;
        } catch (DatasetException e) {
            say("accuracy check skipped: %s", e.getMessage());
            return null;
        }
    }

    static void report(Consumer<String> say, CompiledNetwork chip) {
        var r = chip.getReport();
        say.accept(
                String.format(
                        "compiled '%s' for %s: %d cores on %d chip(s), neuron slots used %s,"
                                + " synapse memory used %s",
                        chip.getName(),
                        chip.getProfile().getName(),
                        r.getCoresUsed(),
                        r.getChipsUsed(),
                        Units.percent(r.getNeuronUtilization()),
                        Units.percent(r.getSynapseUtilization())));
        say.accept(
                String.format(
                        "  weights: rounding %s, scale rule %s, scales %s",
                        r.getRounding().isEmpty() ? "NEAREST" : r.getRounding(),
                        r.getScaleRule().isEmpty() ? "MAX" : r.getScaleRule(),
                        r.getScaleMode().isEmpty() ? "PER_LAYER" : r.getScaleMode()));
        InputPayload in = chip.getInputPayload();
        if (in.getMode() != InputMode.INPUT_SPIKES) {
            say.accept(
                    String.format(
                            "  input: %s, %d-bit payloads = round(x * %.6g), quantization error at"
                                    + " most %.3g%s",
                            in.getMode() == InputMode.INPUT_GRADED
                                    ? "graded spikes"
                                    : "first layer on the host",
                            in.getBits(),
                            in.getScale(),
                            in.getMaxAbsError(),
                            in.getMode() == InputMode.INPUT_HOST
                                    ? " (its MACs are charged to the host)"
                                    : ""));
        }
        List<String> pools = addedLayers(chip, "POOLING"), sums = addedLayers(chip, "SUM");
        if (!pools.isEmpty() || !sums.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!pools.isEmpty())
                parts.add("pooling as layers of graded neurons: " + String.join(", ", pools));
            if (!sums.isEmpty())
                parts.add("residual sums as layers of graded neurons: " + String.join(", ", sums));
            say.accept(
                    String.format(
                            "  %s (one step of delay each on the way to the readout, run as extra"
                                    + " steps: the chip runs %d steps per sample)",
                            String.join("; ", parts), chip.getInput().getSteps()));
        }
        for (LayerQuantization q : r.getLayersList()) {
            say.accept(
                    String.format(
                            "  %-10s %2d bits  scale %10.3f  clipped %d/%d  weight error mean %.2e"
                                + " max %.2e (per-channel scales: mean %.2e)  threshold error %s "
                                + " leak error %s  saturated biases %d",
                            q.getLayer(),
                            q.getWeightBits(),
                            q.getScale(),
                            q.getClippedWeights(),
                            q.getWeightCount(),
                            q.getMeanAbsError(),
                            q.getMaxAbsError(),
                            q.getPerChannelMeanAbsError(),
                            Units.percent(q.getThresholdRelError()),
                            Units.percent(q.getLeakRelError()),
                            q.getSaturatedBiases()));
            if (q.getTruncationMaxError() > 0 || q.getMantissaShift() > 0) {
                say.accept(
                        String.format(
                                "  %-10s exponent shifts the sum right: up to %.2e lost per step;"
                                        + " with %.1f active inputs effective error mean %.2e max"
                                        + " %.2e%s",
                                "",
                                q.getTruncationMaxError(),
                                q.getExpectedActiveInputs(),
                                q.getEffectiveMeanAbsError(),
                                q.getEffectiveMaxAbsError(),
                                q.getMantissaShift() > 0
                                        ? String.format(
                                                " (mantissas %d bit(s) coarser to raise the"
                                                        + " exponent)",
                                                q.getMantissaShift())
                                        : ""));
            }
            if (q.getChannelScalesCount() > 0) {
                var s =
                        q.getChannelScalesList().stream()
                                .mapToDouble(Double::doubleValue)
                                .summaryStatistics();
                say.accept(
                        String.format(
                                "  %-10s per-channel scales: %d channels, min %.3f, max %.3f"
                                        + " (folded into thresholds and biases)",
                                "", s.getCount(), s.getMin(), s.getMax()));
            }
        }
        if (r.hasMapping()) {
            MappingReport m = r.getMapping();
            say.accept(
                    String.format(
                            "  hop traffic %.4g spikes x hops per step (in-order placement %.4g,"
                                    + " ratio %.3f); rates: %s",
                            m.getPlacedHopTraffic(),
                            m.getNaiveHopTraffic(),
                            m.getTrafficRatio(),
                            m.getRatesSource()));
        }
        if (r.hasAccuracy()) {
            AccuracyCheck a = r.getAccuracy();
            if (!a.getSkipped().isEmpty()) {
                say.accept("  accuracy vs float: not measured (" + a.getSkipped() + ")");
            } else {
                say.accept(
                        String.format(
                                "  accuracy on %d samples of %s: float %s, compiled %s (%+.2f pt),"
                                        + " same prediction on %s",
                                a.getSamples(),
                                a.getDataset(),
                                Units.percent(a.getFloatAccuracy()),
                                Units.percent(a.getChipAccuracy()),
                                100 * (a.getChipAccuracy() - a.getFloatAccuracy()),
                                Units.percent(a.getAgreement())));
            }
        }
    }

    /**
     * Names of the layers the compiler added of one kind (their report's scale mode: POOLING or
     * SUM).
     */
    static List<String> addedLayers(CompiledNetwork chip, String kind) {
        return chip.getReport().getLayersList().stream()
                .filter(q -> q.getScaleMode().equals(kind))
                .map(LayerQuantization::getLayer)
                .toList();
    }

    static void putReport(JsonLine result, CompiledNetwork chip) {
        var r = chip.getReport();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerQuantization q : r.getLayersList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", q.getLayer());
            m.put("weight_bits", q.getWeightBits());
            m.put("scale", q.getScale());
            m.put("clipped_weights", q.getClippedWeights());
            m.put("weights", q.getWeightCount());
            m.put("mean_abs_error", q.getMeanAbsError());
            m.put("max_abs_error", q.getMaxAbsError());
            m.put("truncation_max_error", q.getTruncationMaxError());
            m.put("expected_active_inputs", q.getExpectedActiveInputs());
            m.put("effective_mean_abs_error", q.getEffectiveMeanAbsError());
            m.put("effective_max_abs_error", q.getEffectiveMaxAbsError());
            m.put("mantissa_shift", q.getMantissaShift());
            m.put("per_channel_mean_abs_error", q.getPerChannelMeanAbsError());
            m.put("threshold_rel_error", q.getThresholdRelError());
            m.put("leak_rel_error", q.getLeakRelError());
            m.put("saturated_biases", q.getSaturatedBiases());
            m.put("max_weight_levels", q.getMaxWeightLevels());
            m.put("scale_mode", q.getScaleMode().isEmpty() ? "PER_LAYER" : q.getScaleMode());
            if (q.getChannelScalesCount() > 0) m.put("channel_scales", q.getChannelScalesList());
            layers.add(m);
        }
        InputPayload in = chip.getInputPayload();
        result.put(
                "input_mode",
                switch (in.getMode()) {
                    case INPUT_GRADED -> "graded";
                    case INPUT_HOST -> "host";
                    default -> "spikes";
                });
        if (in.getMode() != InputMode.INPUT_SPIKES) {
            result.put("input_payload_bits", in.getBits())
                    .put("input_scale", in.getScale())
                    .put("input_max_abs_error", in.getMaxAbsError());
        }
        result.put("pooling_layers", addedLayers(chip, "POOLING"))
                .put("sum_layers", addedLayers(chip, "SUM"))
                .put("steps", chip.getInput().getSteps());
        result.put("cores", r.getCoresUsed())
                .put("chips", r.getChipsUsed())
                .put("neuron_utilization", r.getNeuronUtilization())
                .put("synapse_utilization", r.getSynapseUtilization())
                .put("rounding", r.getRounding())
                .put("scale_rule", r.getScaleRule())
                .put("scale_mode", r.getScaleMode().isEmpty() ? "PER_LAYER" : r.getScaleMode())
                .put("layers", layers);
        if (r.hasMapping()) {
            MappingReport m = r.getMapping();
            result.put("hop_traffic", m.getPlacedHopTraffic())
                    .put("naive_hop_traffic", m.getNaiveHopTraffic())
                    .put("traffic_ratio", m.getTrafficRatio())
                    .put("rates_source", m.getRatesSource());
        }
        if (r.hasAccuracy()) {
            AccuracyCheck a = r.getAccuracy();
            Map<String, Object> acc = new LinkedHashMap<>();
            if (!a.getSkipped().isEmpty()) {
                acc.put("skipped", a.getSkipped());
            } else {
                acc.put("dataset", a.getDataset());
                acc.put("samples", a.getSamples());
                acc.put("float_accuracy", a.getFloatAccuracy());
                acc.put("chip_accuracy", a.getChipAccuracy());
                acc.put("agreement", a.getAgreement());
            }
            result.put("accuracy", acc);
        }
    }
}
