package dev.spikeforge.device.bridge.bench;

import dev.spikeforge.device.bridge.BuiltinNetworks;
import dev.spikeforge.device.bridge.client.ClientOptions;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.device.CounterTotals;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerMetrics;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.OutputStep;
import dev.spikeforge.runtime.sim.engine.Simulator;
import dev.spikeforge.runtime.sim.engine.StepOutput;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The bridge benchmark behind {@code spikeforge bench bridge}: starts a server on a loopback port,
 * runs S client sessions at once, each streaming N steps of E input spikes (its own seeded random
 * input, up to {@code window} steps in flight), then checks every reply against the in-process
 * simulator fed the same input. Throughput and round-trip times are measured while streaming; the
 * check runs afterwards, off the clock.
 *
 * <ul>
 *   <li>lost: steps whose reply never came;
 *   <li>duplicated: steps answered twice, or run twice by the device (its step count above the
 *       steps sent);
 *   <li>crossed: replies that are not, bit for bit, what the simulator gives for that session's
 *       input at that step (another session's or another step's output would show here).
 * </ul>
 */
public final class BridgeBench {

    /**
     * @param sessions concurrent client sessions (one connection each)
     * @param steps steps per session
     * @param eventsPerStep input spikes per step (distinct axons out of 2E, at least 64)
     * @param window steps a session keeps in flight
     * @param hidden hidden-layer neurons of the benchmark network
     * @param warmup untimed steps per session first (then a Reset), so the JIT has compiled the hot
     *     paths
     * @param seed seed of weights and inputs
     */
    public record Config(
            int sessions,
            int steps,
            int eventsPerStep,
            int window,
            int hidden,
            int warmup,
            long seed) {
        public Config {
            if (sessions <= 0
                    || steps <= 0
                    || eventsPerStep < 0
                    || window <= 0
                    || hidden <= 0
                    || warmup < 0) {
                throw new IllegalArgumentException(
                        "sessions, steps, window and hidden must be positive, events per step and"
                                + " warmup zero or more");
            }
        }

        public int inputs() {
            return Math.max(64, 2 * eventsPerStep);
        }
    }

    public record Result(
            Config config,
            long totalSteps,
            long inputEvents,
            long outputEvents,
            double seconds,
            double p50StepMs,
            double p99StepMs,
            double maxStepMs,
            long lost,
            long duplicated,
            long crossed,
            ServerMetrics.Snapshot server) {
        public long events() {
            return inputEvents + outputEvents;
        }

        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : events() / seconds;
        }

        public double eventsPerSecondPerSession() {
            return eventsPerSecond() / config.sessions();
        }

        public double stepsPerSecond() {
            return seconds <= 0 ? 0 : totalSteps / seconds;
        }

        public boolean clean() {
            return lost == 0 && duplicated == 0 && crossed == 0;
        }
    }

    private BridgeBench() {}

    public static CompiledNetwork network(Config c) {
        return BuiltinNetworks.dense(
                "bench-bridge",
                BuiltinNetworks.anyProfile("builtin"),
                c.inputs(),
                c.hidden(),
                10,
                false,
                c.eventsPerStep(),
                c.seed());
    }

    public static Result run(Config c) throws Exception {
        CompiledNetwork net = network(c);
        ServerOptions so =
                ServerOptions.defaults()
                        .withChips(Math.max(c.sessions(), 1))
                        .withWindow(Math.max(c.window(), 16));
        EventLoopGroup clientIo =
                new MultiThreadIoEventLoopGroup(
                        Math.min(2, Runtime.getRuntime().availableProcessors()),
                        new DefaultThreadFactory("bench-client-io", true),
                        NioIoHandler.newFactory());
        try (EmulatedChipServer server = new EmulatedChipServer(so)) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            ClientOptions co =
                    ClientOptions.defaults()
                            .withWindow(c.window())
                            .withEventLoopGroup(clientIo)
                            .withClientName("bench-bridge");
            List<SessionRun> runs = new ArrayList<>();
            for (int s = 0; s < c.sessions(); s++) runs.add(new SessionRun(s, c, net, at, co));
            CyclicBarrier start = new CyclicBarrier(c.sessions() + 1);
            List<Thread> threads = new ArrayList<>();
            for (SessionRun r : runs) {
                Thread t = new Thread(() -> r.stream(start), "bench-session-" + r.index);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            try {
                start.await();
            } catch (java.util.concurrent.BrokenBarrierException e) {
                for (SessionRun r : runs) r.close();
                Throwable cause =
                        runs.stream()
                                .map(r -> r.failure)
                                .filter(java.util.Objects::nonNull)
                                .findFirst()
                                .orElse(e);
                throw new IllegalStateException(
                        "a bench session could not start: " + cause.getMessage(), cause);
            }
            long t0 = System.nanoTime();
            for (Thread t : threads) t.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            ServerMetrics.Snapshot metrics = server.metrics().snapshot();
            for (SessionRun r : runs) r.close();
            return summarize(c, net, runs, seconds, metrics);
        } finally {
            clientIo.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static Result summarize(
            Config c,
            CompiledNetwork net,
            List<SessionRun> runs,
            double seconds,
            ServerMetrics.Snapshot metrics) {
        long lost = 0, duplicated = 0, crossed = 0, outputEvents = 0;
        int answeredTotal = 0;
        long[] rtt = new long[c.sessions() * c.steps()];
        int n = 0;
        for (SessionRun r : runs) {
            if (r.failure != null) lost += c.steps();
            Simulator ref = new Simulator(net);
            Random inputs = r.inputRandom();
            for (int t = 0; t < c.steps(); t++) {
                int[] in = BuiltinNetworks.randomAxons(inputs, c.inputs(), c.eventsPerStep());
                CounterTotals before = CounterTotals.of(ref.counters());
                StepOutput want = ref.step(in, in.length);
                int answers = r.answers.get(t);
                if (answers == 0) {
                    if (r.failure == null) lost++;
                    continue;
                }
                answeredTotal++;
                if (answers > 1) duplicated += answers - 1;
                rtt[n++] = r.rttNanos[t];
                OutputStep got = r.outputs[t];
                outputEvents += got.getSpikesCount();
                if (!same(want, CounterTotals.of(ref.counters()).minus(before), got)) crossed++;
            }
        }
        // A step the device ran twice would show in its own count even if the client saw one reply.
        duplicated += Math.max(0, metrics.steps() - (long) c.sessions() * (c.steps() + c.warmup()));
        long[] sorted = Arrays.copyOf(rtt, n);
        Arrays.sort(sorted);
        return new Result(
                c,
                answeredTotal,
                (long) answeredTotal * c.eventsPerStep(),
                outputEvents,
                seconds,
                percentileMs(sorted, 0.50),
                percentileMs(sorted, 0.99),
                n == 0 ? 0 : sorted[n - 1] / 1e6,
                lost,
                duplicated,
                crossed,
                metrics);
    }

    private static boolean same(StepOutput want, CounterTotals wantCounters, OutputStep got) {
        if (got.getStep() != want.step() || got.getSpikesCount() != want.spikeCount()) return false;
        for (int k = 0; k < want.spikeCount(); k++)
            if (got.getSpikes(k) != want.spike(k)) return false;
        int[] readout = want.hasReadout() ? want.readout() : new int[0];
        if (got.getReadoutCount() != readout.length) return false;
        for (int k = 0; k < readout.length; k++) if (got.getReadout(k) != readout[k]) return false;
        return wantCounters.equals(CounterTotals.of(got.getCounters()));
    }

    private static double percentileMs(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = Math.max(0, (int) Math.ceil(q * sorted.length) - 1); // nearest-rank percentile
        return sorted[Math.min(sorted.length - 1, rank)] / 1e6;
    }

    /** One session: its connection, its input stream, and what came back for each step. */
    private static final class SessionRun {
        final int index;
        final Config c;
        final CompiledNetwork net;
        final InetSocketAddress at;
        final ClientOptions options;
        final AtomicIntegerArray answers;
        final OutputStep[] outputs;
        final long[] sentNanos;
        final long[] rttNanos;
        volatile Throwable failure;
        DeviceClient client;

        SessionRun(
                int index,
                Config c,
                CompiledNetwork net,
                InetSocketAddress at,
                ClientOptions options) {
            this.index = index;
            this.c = c;
            this.net = net;
            this.at = at;
            this.options = options;
            this.answers = new AtomicIntegerArray(c.steps());
            this.outputs = new OutputStep[c.steps()];
            this.sentNanos = new long[c.steps()];
            this.rttNanos = new long[c.steps()];
        }

        Random inputRandom() {
            return new Random(c.seed() * 1_000_003L + index);
        }

        void stream(CyclicBarrier start) {
            try {
                client = DeviceClient.connect(at.getHostString(), at.getPort(), options);
                client.load(net);
                warmUp();
                Random inputs = inputRandom();
                // Inputs are drawn before the clock starts, so the run measures the bridge, not the
                // random generator.
                int[][] perStep = new int[c.steps()][];
                for (int t = 0; t < c.steps(); t++)
                    perStep[t] = BuiltinNetworks.randomAxons(inputs, c.inputs(), c.eventsPerStep());
                start.await();
                List<CompletableFuture<OutputStep>> replies = new ArrayList<>(c.steps());
                for (int t = 0; t < c.steps(); t++) {
                    int step = t;
                    // stepAsync returns once the step is written (after waiting for room in the
                    // window), so the
                    // round trip is timed from the wire, not from the queue before it.
                    CompletableFuture<OutputStep> reply = client.stepAsync(t, perStep[t]);
                    sentNanos[t] = System.nanoTime();
                    replies.add(
                            reply.whenComplete(
                                    (out, e) -> {
                                        if (e != null) return;
                                        rttNanos[step] =
                                                Math.max(0, System.nanoTime() - sentNanos[step]);
                                        // Indexed by the step the reply names, so a reply for
                                        // another step would count there.
                                        int at = (int) Math.min(out.getStep(), c.steps() - 1L);
                                        outputs[at] = out;
                                        answers.incrementAndGet(at);
                                    }));
                    perStep[t] = null;
                }
                for (CompletableFuture<OutputStep> r : replies) {
                    try {
                        r.join();
                    } catch (RuntimeException e) {
                        // counted as lost: no answer recorded for that step
                    }
                }
            } catch (Exception e) {
                failure = e;
                try {
                    start.reset();
                } catch (RuntimeException ignored) {
                    // barrier already broken
                }
            }
        }

        /**
         * Untimed steps of other input, then a Reset: the timed steps start from a clean chip at
         * step 0.
         */
        private void warmUp() {
            Random other = new Random(~inputRandom().nextLong());
            List<CompletableFuture<OutputStep>> replies = new ArrayList<>(c.warmup());
            for (int t = 0; t < c.warmup(); t++) {
                replies.add(
                        client.stepAsync(
                                t,
                                BuiltinNetworks.randomAxons(other, c.inputs(), c.eventsPerStep())));
            }
            replies.forEach(DeviceClient::join);
            if (c.warmup() > 0) client.reset();
        }

        void close() {
            if (client != null) client.close();
        }
    }
}
