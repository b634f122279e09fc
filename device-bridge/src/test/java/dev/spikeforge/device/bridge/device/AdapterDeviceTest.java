package dev.spikeforge.device.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.TestNetworks;
import dev.spikeforge.device.bridge.client.DeviceClient;
import dev.spikeforge.device.bridge.server.EmulatedChipServer;
import dev.spikeforge.device.bridge.server.ServerOptions;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import dev.spikeforge.proto.InputStep;
import dev.spikeforge.proto.Telemetry;
import dev.spikeforge.runtime.sim.cost.EventKind;
import dev.spikeforge.runtime.sim.energy.AnnComparison;
import dev.spikeforge.runtime.sim.energy.EnergyBreakdown;
import dev.spikeforge.runtime.sim.engine.Simulator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The protocol layer every board gets for free ({@link AdapterDevice}), with the board driver
 * mocked: it is what a USB/SPI/PCIe vendor would supply, and out of scope here.
 */
class AdapterDeviceTest {
    private final CompiledNetwork net =
            TestNetworks.readoutNetwork(2); // 8 inputs, 3 outputs, 3 cores, profile "test-chip"

    private static ChipAdapter driver() {
        ChipAdapter d = mock(ChipAdapter.class);
        when(d.configure(any())).thenReturn(new ChipAdapter.Shape(8, 3, 3));
        when(d.step(any(), any(), anyInt()))
                .thenReturn(
                        new ChipAdapter.Step(
                                new int[] {1}, 1, null, new CounterTotals(10, 2, 6, 4, 1)));
        when(d.coreCounters())
                .thenReturn(
                        new CounterTotals[] {
                            new CounterTotals(6, 1, 3, 1, 2),
                            new CounterTotals(14, 3, 9, 3, 2),
                            new CounterTotals(0, 0, 0, 0, 2)
                        });
        return d;
    }

    private static InputStep step(int t, int... axons) {
        InputStep.Builder b = InputStep.newBuilder().setStep(t);
        for (int a : axons) b.addSpikes(a);
        return b.build();
    }

    @Test
    void badInputAndOutOfOrderStepsNeverReachTheDriver() {
        ChipAdapter d = driver();
        AdapterDevice device = new AdapterDevice(d);
        device.load(net);
        assertEquals(
                ErrorCode.INVALID_INPUT,
                assertThrows(DeviceException.class, () -> device.step(step(0, 8))).code());
        assertEquals(
                ErrorCode.INVALID_INPUT,
                assertThrows(DeviceException.class, () -> device.step(step(0, 2, 2))).code());
        assertEquals(
                ErrorCode.OUT_OF_ORDER,
                assertThrows(DeviceException.class, () -> device.step(step(3, 1))).code());
        verify(d, never()).step(any(), any(), anyInt());
        assertEquals(0, device.step(step(0, 5, 1)).getStep());
        verify(d)
                .step(
                        any(),
                        org.mockito.ArgumentMatchers.isNull(),
                        org.mockito.ArgumentMatchers.eq(2));
    }

    @Test
    void aBoardOfAnotherProfileIsNotEvenConfigured() {
        ChipAdapter d = driver();
        when(d.profile()).thenReturn("board-x");
        AdapterDevice device = new AdapterDevice(d);
        assertEquals("board-x", device.profile());
        assertEquals(
                ErrorCode.PROFILE_MISMATCH,
                assertThrows(DeviceException.class, () -> device.load(net)).code());
        verify(d, never()).configure(any());
    }

    @Test
    void telemetrySumsTheDriversCountersAndCarriesItsEnergyAndChipTime() {
        ChipAdapter d = driver();
        EnergyBreakdown sinceReset = pricedRun(3), sinceLoad = pricedRun(7);
        when(d.costs(true)).thenReturn(sinceReset);
        when(d.costs(false)).thenReturn(sinceLoad);
        AdapterDevice device = new AdapterDevice(d);
        device.load(net);
        device.step(step(0, 1));
        device.step(step(1, 2));
        Telemetry t = device.telemetry();
        assertEquals(new CounterTotals(20, 4, 12, 8, 2), CounterTotals.of(t.getTotal()));
        assertEquals(3, t.getPerCoreCount());
        assertEquals(sinceReset.total().totalJ(), t.getEnergyJ(), 0.0);
        assertEquals(sinceReset.total().staticJ(), t.getStaticEnergyJ(), 0.0);
        assertEquals(sinceLoad.total().totalJ(), t.getCumulativeEnergyJ(), 0.0);
        assertEquals(sinceReset.timing().chipSeconds(), CostWire.chipTime(t.getCosts())[0], 0.0);
        assertEquals(
                sinceReset.total().synapticOps(),
                t.getCosts().getEvents(EventKind.SYNAPTIC_OP_DENSE.ordinal()));
        // After a reset the since-reset figures start again; the since-load ones go on.
        device.reset();
        verify(d).clearState();
        device.step(step(0, 3));
        Telemetry after = device.telemetry();
        assertEquals(new CounterTotals(10, 2, 6, 4, 1), CounterTotals.of(after.getTotal()));
        assertEquals(new CounterTotals(30, 6, 18, 12, 3), CounterTotals.of(after.getCumulative()));
    }

    /** A real run's priced events, standing for what a board's driver reports. */
    private EnergyBreakdown pricedRun(int steps) {
        Simulator sim = new Simulator(net);
        for (int t = 0; t < steps; t++) sim.step(new int[] {t % 8}, 1);
        return EnergyBreakdown.of(
                sim.model(), sim.counters(), sim.clock().report(1), 1, AnnComparison.FP32_MAC_J);
    }

    @Test
    void aFailingBoardEndsOnlyItsOwnSessionWithInternal() {
        AtomicInteger made = new AtomicInteger();
        ChipAdapter broken = driver();
        when(broken.step(any(), any(), anyInt()))
                .thenThrow(new IllegalStateException("USB transfer stalled"));
        try (EmulatedChipServer server =
                new EmulatedChipServer(
                        ServerOptions.defaults(),
                        () ->
                                made.getAndIncrement() == 0
                                        ? new AdapterDevice(broken)
                                        : new AdapterDevice(new SimulatorChipAdapter()))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient bad = DeviceClient.connect(at);
                    DeviceClient good = DeviceClient.connect(at)) {
                bad.load(net);
                good.load(net);
                DeviceException e =
                        assertThrows(DeviceException.class, () -> bad.step(0, new int[] {1}));
                assertEquals(ErrorCode.INTERNAL, e.code());
                assertTrue(e.detail().contains("USB transfer stalled"), e.detail());
                assertEquals(0, good.step(0, new int[] {1}).getStep());
            }
            verify(broken).close();
            assertEquals(
                    1L,
                    server.metrics().snapshot().errors().get(ErrorCode.INTERNAL),
                    "errors are counted once");
        }
    }

    @Test
    void aHungBoardIsCutOffByTheRequestTimeoutAndTheOthersGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ChipAdapter hung = driver();
        when(hung.step(any(), any(), anyInt()))
                .thenAnswer(
                        inv -> {
                            release.await(30, TimeUnit.SECONDS);
                            return new ChipAdapter.Step(new int[0], 0, null, CounterTotals.ZERO);
                        });
        AtomicInteger made = new AtomicInteger();
        ServerOptions options =
                ServerOptions.defaults()
                        .withRequestTimeout(Duration.ofMillis(300))
                        .withThreads(1, 2);
        try (EmulatedChipServer server =
                new EmulatedChipServer(
                        options,
                        () ->
                                made.getAndIncrement() == 0
                                        ? new AdapterDevice(hung)
                                        : new AdapterDevice(new SimulatorChipAdapter()))) {
            InetSocketAddress at = server.start("127.0.0.1", 0);
            try (DeviceClient stuck = DeviceClient.connect(at);
                    DeviceClient fine = DeviceClient.connect(at)) {
                stuck.load(net);
                fine.load(net);
                DeviceException e =
                        assertThrows(DeviceException.class, () -> stuck.step(0, new int[] {1}));
                assertEquals(ErrorCode.TIMEOUT, e.code(), e.getMessage());
                for (int t = 0; t < 20; t++)
                    assertEquals(t, fine.step(t, new int[] {t % 8}).getStep());
                release.countDown();
                // Once the driver returns, its session ends and the chip is closed and given back.
                org.mockito.Mockito.verify(hung, org.mockito.Mockito.timeout(10_000)).close();
                dev.spikeforge.device.bridge.Await.until(
                        "only the healthy session remains", () -> server.activeSessions() == 1);
                assertEquals(1L, server.metrics().snapshot().errors().get(ErrorCode.TIMEOUT));
            }
        }
    }
}
