package dev.spikeforge.cli.energy;

import dev.spikeforge.cli.engine.DatasetEvaluation;
import dev.spikeforge.cli.engine.Engine;
import dev.spikeforge.cli.output.EnergySummary;
import dev.spikeforge.cli.output.LatencySummary;
import dev.spikeforge.compiler.CompileOptions;
import dev.spikeforge.compiler.Compiler;
import dev.spikeforge.compiler.constraint.CompilationException;
import dev.spikeforge.compiler.constraint.ConstraintViolation;
import dev.spikeforge.compiler.layers.InvalidNetworkException;
import dev.spikeforge.data.LabeledImages;
import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Pacing;
import dev.spikeforge.proto.TrainedNetwork;
import dev.spikeforge.runtime.sim.chip.ChipRun;
import dev.spikeforge.runtime.sim.chip.EmulatedChip;
import dev.spikeforge.runtime.sim.chip.SpikeInput;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.energy.EnergyReport;
import dev.spikeforge.runtime.sim.run.ChipEvaluation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Compiles one network for a profile and runs it on the simulated chip, turning the run into a
 * {@link ProfileRow}: the work behind each line of {@code energy --profiles}. A network that breaks
 * the profile's limits, or uses a feature the chip lacks, gives a row that says why instead.
 */
public final class ProfileComparison {
    /** What the network is run on: dataset samples, or one spike file for a number of steps. */
    public sealed interface Workload permits Samples, Spikes {}

    /**
     * Dataset samples, run on {@code threads} threads in this process or split across the engine's
     * tasks.
     */
    public record Samples(LabeledImages data, int threads, Engine engine) implements Workload {}

    public record Spikes(SpikeInput input, int steps) implements Workload {}

    private ProfileComparison() {}

    /** A trained network compiled for {@code profile}, then run. */
    public static ProfileRow of(
            TrainedNetwork net,
            ChipProfile profile,
            CompileOptions opts,
            Workload work,
            IntConsumer progress) {
        CompiledNetwork chip;
        try {
            chip = Compiler.compile(net, profile, opts);
        } catch (CompilationException e) {
            return ProfileRow.unfit(profile.getName(), summarize(e.violations()));
        } catch (InvalidNetworkException e) {
            return ProfileRow.unfit(profile.getName(), e.getMessage());
        }
        return run(chip, work, progress);
    }

    /** An already compiled network, run on the profile it was compiled for. */
    public static ProfileRow run(CompiledNetwork chip, Workload work, IntConsumer progress) {
        String name = chip.getProfile().getName();
        EnergyBreakdown b;
        double accuracy = Double.NaN;
        try {
            if (work instanceof Samples s) {
                ChipEvaluation ev =
                        DatasetEvaluation.run(
                                s.engine(),
                                chip,
                                s.data(),
                                progress,
                                s.threads(),
                                AnnComparison.FP32_MAC_J);
                b = ev.energy();
                accuracy = ev.accuracy();
            } else {
                Spikes sp = (Spikes) work;
                try (EmulatedChip emu = EmulatedChip.of(chip)) {
                    ChipRun run = emu.run(sp.input(), sp.steps());
                    b = run.energy();
                }
            }
        } catch (IllegalArgumentException e) {
            // e.g. a neuron model or input encoding the chip cannot run
            return ProfileRow.unfit(name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running profile " + name, e);
        }
        EnergyReport per = b.perInference();
        EnergySummary.Dominant d = EnergySummary.dominant(per, b.costs());
        Set<Integer> chips = new HashSet<>();
        chip.getCoresList().forEach(c -> chips.add(c.getChip()));
        return new ProfileRow(
                name,
                true,
                null,
                Math.max(1, chip.getCoresCount()),
                Math.max(1, chips.size()),
                per.totalJ(),
                per.band(),
                b.timing().latencyPerInference(),
                b.timing().latencyBandPerInference(),
                b.timing().throughput(),
                LatencySummary.where(b.timing(), l -> b.layers().get(l).name()),
                b.ann().fp32().totalJ(),
                b.ann().int8().totalJ(),
                accuracy,
                EnergySummary.assumedUsed(per, b.costs()),
                d == null
                        ? null
                        : String.format(
                                "%s %.0f %% (%s)",
                                d.part(),
                                100 * d.share(),
                                d.status().name().toLowerCase(java.util.Locale.ROOT)),
                b.timing().pacing() == Pacing.PACED ? "paced" : "free-running",
                b.timing().overloads());
    }

    /** The first violations by name, and how many there are. */
    static String summarize(List<ConstraintViolation> violations) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(3, violations.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) sb.append("; ");
            sb.append(violations.get(i).describe());
        }
        if (violations.size() > shown)
            sb.append("; and ").append(violations.size() - shown).append(" more");
        return sb.toString();
    }
}
