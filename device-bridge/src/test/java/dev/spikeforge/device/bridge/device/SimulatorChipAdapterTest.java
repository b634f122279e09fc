package dev.spikeforge.device.bridge.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.device.bridge.DeviceException;
import dev.spikeforge.device.bridge.TestNetworks;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * An emulated chip of a given profile takes the networks that fit its limits, whatever their
 * profile is called.
 */
class SimulatorChipAdapterTest {
    private final CompiledNetwork net =
            TestNetworks.readoutNetwork(
                    2); // profile "test-chip": 4 neurons per core, 8-bit weights

    @Test
    void aNetworkCompiledForTheChipsOwnProfileLoads() {
        AdapterDevice chip = new AdapterDevice(new SimulatorChipAdapter(net.getProfile()));
        assertEquals(8, chip.load(net).getInputs());
    }

    @Test
    void anEditedProfileOfTheSameNameIsRefusedByItsLimits() {
        AdapterDevice chip = new AdapterDevice(new SimulatorChipAdapter(net.getProfile()));
        CompiledNetwork edited =
                net.toBuilder()
                        .setProfile(
                                net.getProfile().toBuilder()
                                        .setNeuronsPerCore(64)
                                        .setWeightBits(16))
                        .build();
        DeviceException e = assertThrows(DeviceException.class, () -> chip.load(edited));
        assertEquals(ErrorCode.PROFILE_MISMATCH, e.code());
        assertTrue(
                e.getMessage().contains("neurons_per_core 64 > 4")
                        && e.getMessage().contains("weight_bits 16 > 8"),
                e.getMessage());
        // The refusal leaves no network behind; the genuine one still loads.
        assertEquals(3, chip.load(net).getOutputs());
    }

    @Test
    void aStricterProfileOfTheSameNameFits() {
        AdapterDevice chip = new AdapterDevice(new SimulatorChipAdapter(net.getProfile()));
        CompiledNetwork stricter =
                net.toBuilder()
                        .setProfile(
                                net.getProfile().toBuilder().setNeuronsPerCore(3).setWeightBits(6))
                        .build();
        assertEquals(8, chip.load(stricter).getInputs());
    }

    @Test
    void limitsCompareUnlimitedAndDefaultFieldsSensibly() {
        var chip = net.getProfile().toBuilder().setMaxFanIn(16).setStateBits(0).build();
        assertTrue(ProfileLimits.exceeded(chip, chip).isEmpty());
        assertEquals(
                1,
                ProfileLimits.exceeded(chip, chip.toBuilder().setMaxFanIn(0).build())
                        .size()); // compiled with no fan-in limit
        assertTrue(
                ProfileLimits.exceeded(chip, chip.toBuilder().setStateBits(24).build())
                        .isEmpty()); // 0 means 24
        assertEquals(
                1, ProfileLimits.exceeded(chip, chip.toBuilder().setStateBits(32).build()).size());
    }
}
