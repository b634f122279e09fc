package dev.spikeforge.trainer.stability;

import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.trainer.TrainingConfig;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.extension.TrainingContext;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.input.BatchEncoder;
import dev.spikeforge.trainer.network.InputGeometry;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train --init stable} in one run: the plan made from the training data, the initializer
 * that applies it, each spiking layer's surrogate, and the bias pre-tuning with what it achieved
 * (for metrics and provenance). The plan is made before the network exists (it chooses the
 * initializer and the surrogates); as an extension it then pre-tunes the biases before training and
 * reports.
 */
public final class StableSetup implements TrainingExtension {
    private final StableInit request;
    private final StabilityPlan plan;
    private BiasPretuner.Result tuning;
    private List<String> layerNames = List.of(); // the spiking layers', for the metrics' names

    private StableSetup(StableInit request, StabilityPlan plan) {
        this.request = request;
        this.plan = plan;
    }

    /**
     * The plan for this configuration, the first layer's statistics measured on {@code train} as
     * the encoder presents it.
     */
    public static StableSetup plan(
            StableInit request,
            TrainingConfig c,
            InputGeometry geometry,
            LabeledImages train,
            BatchEncoder encoder,
            long seed) {
        InputStatistics stats =
                InputStatistics.fromData(
                        encoder.encoder(),
                        train,
                        StableInit.STATISTICS_SAMPLES,
                        train.name() + ", " + c.input().kindName() + " encoding");
        StabilityProblem problem =
                StabilityProblem.of(c, geometry, train.classes(), stats, request.family());
        return new StableSetup(request, StabilitySolver.solve(problem, seed));
    }

    public StabilityPlan plan() {
        return plan;
    }

    public StableInitializer initializer() {
        return plan.initializer();
    }

    /** The surrogate of each spiking layer, in order. */
    public List<Surrogate> surrogates() {
        return plan.surrogates();
    }

    /**
     * Before any checkpoint is restored, so a resumed run reports the same pre-tuning (then the
     * checkpoint's biases replace it).
     */
    @Override
    public void beforeTraining(TrainingContext context) {
        layerNames = context.network().spikingLayerNames();
        pretune(context.network(), context.workspace(), context.encoder(), context.train());
    }

    /**
     * Tunes the biases when the request has a target rate; the batches are keyed apart from
     * training's.
     */
    public void pretune(
            LifNetwork net, BatchWorkspace ws, BatchEncoder encoder, LabeledImages train) {
        if (!request.tunesBiases()) return;
        tuning =
                BiasPretuner.tune(
                        net,
                        ws,
                        encoder,
                        train,
                        request.initialRate(),
                        request.tuningBatches(),
                        -1L - train.size());
    }

    public BiasPretuner.Result tuning() {
        return tuning;
    }

    @Override
    public void finalMetrics(Map<String, Double> metrics) {
        metrics.putAll(metrics(layerNames));
    }

    @Override
    public void provenance(Map<String, String> hyperparameters) {
        hyperparameters.putAll(provenance());
    }

    /** Metrics for the artifact: expected, measured and achieved initial rates. */
    public Map<String, Double> metrics(List<String> layerNames) {
        Map<String, Double> m = new LinkedHashMap<>();
        int spiking = 0;
        for (LayerChoice c : plan.layers()) {
            if (!c.spiking() || spiking >= layerNames.size()) continue;
            m.put("expected_initial_rate_" + layerNames.get(spiking++), c.expectedRate());
        }
        if (tuning != null) {
            m.put("initial_rate_target", tuning.target());
            m.put("initial_rate_achieved", tuning.meanAfter());
            for (int l = 0; l < tuning.after().length; l++) {
                m.put("initial_rate_untuned_" + layerNames.get(l), tuning.before()[l]);
                m.put("initial_rate_achieved_" + layerNames.get(l), tuning.after()[l]);
                m.put("initial_bias_shift_" + layerNames.get(l), tuning.shifts()[l]);
            }
        }
        return m;
    }

    /** Provenance text: the chosen statistics per layer and the pre-tuning. */
    public Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>(plan.provenance());
        if (tuning != null) {
            m.put(
                    "initial_rate",
                    String.format(
                            java.util.Locale.ROOT,
                            "target %.4g, achieved %.4g (bias pre-tuning, %d forward passes over %d"
                                    + " batch(es))",
                            tuning.target(),
                            tuning.meanAfter(),
                            tuning.passes(),
                            request.tuningBatches()));
        }
        return m;
    }
}
