package dev.spikeforge.runtime.sim.bench;

import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.runtime.sim.engine.SimModel;
import dev.spikeforge.runtime.sim.engine.SimOptions;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.synapse.KernelChoice;

/**
 * Synaptic events per second of the simulator on {@link SyntheticLayer}: inputs are generated
 * first, a warm-up run lets the JIT compile the kernels, then the timed run executes every step. An
 * event is one synapse of a spiking source processed (= a synaptic op).
 */
public final class SimBenchmark {
    public record Config(
            int nIn,
            int nOut,
            int fanout,
            double activity,
            int steps,
            int threads,
            KernelChoice kernel,
            long seed,
            int warmupSteps) {}

    /**
     * @param synapseBytes exact bytes of the simulator's synapse tables
     * @param heapModelBytes heap the whole model (tables, neuron parameters, core map) added,
     *     measured after GC
     * @param layouts the synapse layouts the kernel choice picked (e.g. "sparse_delta8"; see {@link
     *     KernelChoice})
     */
    public record Result(
            Config config,
            long synapses,
            long synapseBytes,
            long heapModelBytes,
            long events,
            long inputSpikes,
            long outputSpikes,
            double seconds,
            double buildSeconds,
            java.util.List<String> layouts) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        public double bytesPerSynapse() {
            return synapseBytes / (double) synapses;
        }
    }

    private SimBenchmark() {}

    private static CompiledNetwork parse(byte[] b) {
        try {
            return CompiledNetwork.parseFrom(b);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Result run(Config c) {
        // Keep the network only in its compact serialized form while measuring, so the heap delta
        // is the model's own.
        byte[] serialized =
                SyntheticLayer.build(c.nIn(), c.nOut(), c.fanout(), c.seed()).toByteArray();
        long heapBefore = HeapMeter.usedAfterGc();
        long b0 = System.nanoTime();
        SimModel model = SimModel.of(parse(serialized), new SimOptions(c.threads(), c.kernel()));
        double build = (System.nanoTime() - b0) / 1e9;
        long heapModel = HeapMeter.usedAfterGc() - heapBefore;
        int[][] in = SyntheticLayer.inputs(c.nIn(), c.activity(), c.steps(), c.seed());
        try (Simulator sim = new Simulator(model)) {
            for (int t = 0; t < c.warmupSteps(); t++) {
                int[] s = in[t % in.length];
                sim.step(s, s.length);
            }
            sim.reset();
            sim.counters().clear();
            long out = 0;
            long t0 = System.nanoTime();
            for (int[] s : in) out += sim.step(s, s.length).spikeCount();
            // Inside the clock: reading the counters delivers what a multi-threaded last step held
            // back.
            long events = sim.counters().totalSynapticOps();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(
                    c,
                    model.synapses(),
                    model.synapseBytes(),
                    heapModel,
                    events,
                    sim.counters().inputSpikes(),
                    out,
                    seconds,
                    build,
                    model.synapseLayouts(0));
        }
    }
}
