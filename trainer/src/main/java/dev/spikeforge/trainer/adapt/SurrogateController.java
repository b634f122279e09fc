package dev.spikeforge.trainer.adapt;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.trainer.engine.BatchWorkspace;
import dev.spikeforge.trainer.engine.EngineOptions;
import dev.spikeforge.trainer.extension.Batch;
import dev.spikeforge.trainer.extension.Resumption;
import dev.spikeforge.trainer.extension.TrainingContext;
import dev.spikeforge.trainer.extension.TrainingExtension;
import dev.spikeforge.trainer.network.Layer;
import dev.spikeforge.trainer.network.LifNetwork;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.LayerSurrogates;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides each spiking layer's surrogate for every epoch and measures what it did: the configured
 * surrogate, for AdaLi with the window of its schedule, widened by the layer's chi-adaptation
 * factor. After each epoch it reports, per layer, chi (and once the tolerance it was counted with),
 * the potentials' quartiles, the surrogate that was used (and for AdaLi the share of potentials in
 * the window), then moves the state on. Everything the next epoch depends on is in those metrics,
 * so a resumed run continues from the last epoch's metrics exactly (no extension state of its own
 * in the checkpoint).
 */
public final class SurrogateController implements TrainingExtension {
    private final Surrogate base;
    private final Surrogate[]
            bases; // each layer's starting surrogate: base, or what stable init chose
    private final SurrogateAdaptation adaptation;
    private final LayerSurrogates current;
    private final List<String> names = new ArrayList<>();
    private final double[] widthFactor;
    private final double[][]
            autoWindow; // AdaLi auto: {L, R} for the next epoch, from the last quartiles
    private final PotentialMonitor monitor;
    private BatchWorkspace
            ws; // set by beforeTraining: where the monitor reads each batch's potentials
    private EngineOptions options;

    public SurrogateController(Surrogate base, SurrogateAdaptation adaptation, LifNetwork net) {
        this.base = base;
        this.adaptation = adaptation == null ? SurrogateAdaptation.NONE : adaptation;
        List<Layer> spiking = net.layers().stream().filter(Layer::spiking).toList();
        this.current = new LayerSurrogates(spiking, base);
        this.bases = new Surrogate[spiking.size()];
        Arrays.fill(bases, base);
        for (Layer l : spiking) names.add(l.name());
        this.widthFactor = new double[spiking.size()];
        Arrays.fill(widthFactor, 1.0);
        this.autoWindow = new double[spiking.size()][];
        this.monitor = new PotentialMonitor(spiking.size(), this.adaptation.chiTolerance());
    }

    /** The per-layer surrogates the engine reads (the same object for the whole run). */
    public LayerSurrogates layers() {
        return current;
    }

    /**
     * Layer l (of the spiking layers) starts from {@code s} instead of the configured surrogate
     * (stable init).
     */
    public void setLayerBase(int l, Surrogate s) {
        bases[l] = java.util.Objects.requireNonNull(s, "surrogate");
        current.set(l, s);
    }

    @Override
    public EngineOptions configure(EngineOptions options) {
        return options.withLayerSurrogates(current);
    }

    @Override
    public void beforeTraining(TrainingContext context) {
        this.ws = context.workspace();
        this.options = context.options();
    }

    @Override
    public void resume(Resumption from) {
        if (!from.epochs().isEmpty()) restore(from.lastEpoch());
    }

    /** Sets every layer's surrogate for epoch {@code epoch} (1-based) of {@code epochs}. */
    @Override
    public void beforeEpoch(int epoch, int epochs) {
        for (int l = 0; l < current.size(); l++) current.set(l, surrogateFor(l, epoch, epochs));
        monitor.reset();
    }

    private Surrogate surrogateFor(int l, int epoch, int epochs) {
        Surrogate s = bases[l];
        if (base instanceof AdaLi a) {
            AdaLiSchedule schedule = adaptation.adali();
            if (schedule.kind() == AdaLiSchedule.Kind.AUTO && autoWindow[l] != null) {
                s = a.withWindow(autoWindow[l][0], autoWindow[l][1]);
            } else {
                double w = schedule.window(epoch, epochs);
                s = a.withWindow(w, w);
            }
        }
        return widthFactor[l] == 1.0 ? s : s.widened(widthFactor[l]);
    }

    /**
     * Measures the batch's pre-reset potentials (chi, quartiles) while the workspace still holds
     * them.
     */
    @Override
    public void afterBackward(Batch batch) {
        for (int l = 0; l < current.size(); l++) {
            Layer layer = current.layer(l);
            int index = ws.network().layers().indexOf(layer);
            monitor.observe(
                    l,
                    ws.layer(index, options).potential().all(),
                    layer.neuron().current().threshold(),
                    current.get(l),
                    batch.index());
        }
    }

    /**
     * Adds the epoch's surrogate metrics (see the class comment for the names); then the state
     * moves on.
     */
    @Override
    public void afterEpoch(EpochMetrics.Builder metrics) {
        metrics.putAllExtra(epochMetrics());
    }

    private Map<String, Double> epochMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("chi_tolerance", adaptation.chiTolerance()); // what each chi_L was counted against
        double[] chi = new double[current.size()];
        double[][] quartiles = new double[current.size()][];
        for (int l = 0; l < current.size(); l++) {
            String n = names.get(l);
            chi[l] = monitor.chi(l);
            quartiles[l] = monitor.quartiles(l);
            m.put("chi_" + n, chi[l]);
            m.put("v_q1_" + n, quartiles[l][0]);
            m.put("v_median_" + n, quartiles[l][1]);
            m.put("v_q3_" + n, quartiles[l][2]);
            m.put("width_factor_" + n, widthFactor[l]);
            putSurrogate(m, n, current.get(l));
            // AdaLi's gradient is non-zero exactly inside its window, so the window share is its
            // chi.
            if (current.get(l) instanceof AdaLi) m.put("window_share_" + n, chi[l]);
        }
        advance(chi, quartiles);
        return m;
    }

    private static void putSurrogate(Map<String, Double> m, String n, Surrogate s) {
        if (s instanceof AdaLi a) {
            m.put("adali_left_" + n, a.left());
            m.put("adali_right_" + n, a.right());
        } else if (s instanceof ShapedSurrogate sh) {
            m.put("sharpness_" + n, sh.sharpness());
            m.put("dampening_" + n, sh.gamma());
        }
    }

    private void advance(double[] chi, double[][] quartiles) {
        for (int l = 0; l < current.size(); l++) {
            if (adaptation.chi() != null && !Double.isNaN(chi[l]))
                widthFactor[l] *= adaptation.chi().widening(chi[l]);
            if (base instanceof AdaLi && adaptation.adali().kind() == AdaLiSchedule.Kind.AUTO) {
                double theta = current.layer(l).neuron().current().threshold();
                autoWindow[l] =
                        adaptation.adali().autoWindow(theta, quartiles[l][0], quartiles[l][2]);
            }
        }
    }

    /**
     * Continues after {@code last}, the metrics of the last finished epoch (parameters already
     * restored): the surrogates it used, then the same step {@link #afterEpoch} took.
     */
    private void restore(EpochMetrics last) {
        Map<String, Double> x = last.getExtraMap();
        double[] chi = new double[current.size()];
        double[][] quartiles = new double[current.size()][];
        for (int l = 0; l < current.size(); l++) {
            String n = names.get(l);
            widthFactor[l] = x.getOrDefault("width_factor_" + n, 1.0);
            if (base instanceof AdaLi a && x.containsKey("adali_left_" + n)) {
                current.set(l, a.withWindow(x.get("adali_left_" + n), x.get("adali_right_" + n)));
            } else {
                current.set(l, widthFactor[l] == 1.0 ? bases[l] : bases[l].widened(widthFactor[l]));
            }
            chi[l] = x.getOrDefault("chi_" + n, Double.NaN);
            quartiles[l] =
                    new double[] {
                        x.getOrDefault("v_q1_" + n, Double.NaN),
                        Double.NaN,
                        x.getOrDefault("v_q3_" + n, Double.NaN)
                    };
        }
        advance(chi, quartiles);
    }

    /**
     * For provenance: each layer's surrogate in the last epoch (final_sharpness_…, or
     * final_adali_left/right_…).
     */
    @Override
    public void finalMetrics(Map<String, Double> metrics) {
        for (int l = 0; l < current.size(); l++) {
            Map<String, Double> one = new LinkedHashMap<>();
            putSurrogate(one, names.get(l), current.get(l));
            one.forEach((k, v) -> metrics.put("final_" + k, v));
        }
    }

    /** The surrogate layer l used last, as text (for the run's summary). */
    public String describe(int l) {
        return names.get(l) + ": " + current.get(l).describe();
    }

    public int size() {
        return current.size();
    }
}
