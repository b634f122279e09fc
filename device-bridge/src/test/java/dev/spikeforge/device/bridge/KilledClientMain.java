package dev.spikeforge.device.bridge;

import dev.spikeforge.device.bridge.client.DeviceClient;

/**
 * A client in its own process, for FaultTest to kill: connects, loads a network, prints "streaming"
 * once steps flow, then streams steps until the process dies.
 */
public final class KilledClientMain {
    private KilledClientMain() {}

    public static void main(String[] args) {
        DeviceClient chip = DeviceClient.connect("127.0.0.1", Integer.parseInt(args[0]));
        chip.load(TestNetworks.readoutNetwork(1));
        for (int t = 0; ; t++) {
            var reply = chip.stepAsync(t, new int[] {t % 8});
            if (t == 100) {
                DeviceClient.join(reply);
                System.out.println("streaming");
                System.out.flush();
            }
        }
    }
}
