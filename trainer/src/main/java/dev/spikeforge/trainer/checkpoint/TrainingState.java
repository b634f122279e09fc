package dev.spikeforge.trainer.checkpoint;

import dev.spikeforge.proto.EpochMetrics;
import dev.spikeforge.proto.ExtensionState;
import dev.spikeforge.proto.NamedTensor;
import dev.spikeforge.proto.Tensor;
import dev.spikeforge.proto.TrainingCheckpoint;
import dev.spikeforge.trainer.optim.Optimizer;
import dev.spikeforge.trainer.optim.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves a run's live state (parameters, optimizer moments and step count, the training extensions'
 * own state) into a {@link TrainingCheckpoint} and back. Values are stored as the float32 arrays
 * they are, so a restored run continues bit for bit.
 */
public final class TrainingState {
    private TrainingState() {}

    public static TrainingCheckpoint.Builder capture(List<Parameter> params, Optimizer optimizer) {
        TrainingCheckpoint.Builder b = TrainingCheckpoint.newBuilder();
        for (Parameter p : params) b.addParameters(named(p.name(), p.value()));
        for (Map.Entry<String, INDArray> s : optimizer.state().entrySet())
            b.addOptimizerState(named(s.getKey(), s.getValue()));
        return b.setOptimizerSteps(optimizer.steps());
    }

    /** Assigns the checkpoint's arrays to the run's; names and shapes must match exactly. */
    public static void restore(
            Path file, TrainingCheckpoint c, List<Parameter> params, Optimizer optimizer) {
        Map<String, INDArray> values = new HashMap<>();
        for (Parameter p : params) values.put(p.name(), p.value());
        assign(file, "parameter", c.getParametersList(), values);
        assign(file, "optimizer state", c.getOptimizerStateList(), optimizer.state());
        optimizer.restoreSteps(c.getOptimizerSteps());
    }

    public static List<EpochMetrics> epochs(TrainingCheckpoint c) {
        return new ArrayList<>(c.getEpochsList());
    }

    /** The extensions' states (by extension id) as the checkpoint stores them. */
    public static Map<String, ExtensionState> extensionStates(
            Map<String, Map<String, String>> byId) {
        Map<String, ExtensionState> m = new LinkedHashMap<>();
        byId.forEach(
                (id, values) ->
                        m.put(id, ExtensionState.newBuilder().putAllValues(values).build()));
        return m;
    }

    /** The extensions' states by id; empty for a checkpoint written before extensions had state. */
    public static Map<String, Map<String, String>> extensionStates(TrainingCheckpoint c) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        c.getExtensionStateMap().forEach((id, state) -> m.put(id, state.getValuesMap()));
        return m;
    }

    private static void assign(
            Path file, String what, List<NamedTensor> stored, Map<String, INDArray> live) {
        Map<String, Tensor> byName = new HashMap<>();
        for (NamedTensor t : stored) byName.put(t.getName(), t.getTensor());
        if (!byName.keySet().equals(live.keySet())) {
            TreeSet<String> missing = new TreeSet<>(live.keySet());
            missing.removeAll(byName.keySet());
            TreeSet<String> extra = new TreeSet<>(byName.keySet());
            extra.removeAll(live.keySet());
            throw new CheckpointException(
                    file,
                    "the checkpoint is of a different network: "
                            + what
                            + "s missing "
                            + missing
                            + ", unexpected "
                            + extra
                            + ". Resume with the settings the run was started with, or delete the"
                            + " run directory to start over.");
        }
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            Tensor t = byName.get(e.getKey());
            INDArray target = e.getValue();
            long[] shape = target.shape();
            List<Integer> expected = new ArrayList<>();
            for (long d : shape) expected.add((int) d);
            if (!t.getShapeList().equals(expected) || t.getValuesCount() != target.length()) {
                throw new CheckpointException(
                        file,
                        what
                                + " '"
                                + e.getKey()
                                + "' is "
                                + t.getShapeList()
                                + " in the checkpoint but "
                                + expected
                                + " in this run. Resume with the settings the run was started"
                                + " with.");
            }
            float[] v = new float[t.getValuesCount()];
            for (int i = 0; i < v.length; i++) v[i] = t.getValues(i);
            target.assign(Nd4j.create(v, shape, 'c').castTo(target.dataType()));
        }
    }

    private static NamedTensor named(String name, INDArray a) {
        Tensor.Builder t = Tensor.newBuilder();
        for (long d : a.shape()) t.addShape((int) d);
        for (float v : a.castTo(DataType.FLOAT).dup('c').data().asFloat()) t.addValues(v);
        return NamedTensor.newBuilder().setName(name).setTensor(t).build();
    }
}
