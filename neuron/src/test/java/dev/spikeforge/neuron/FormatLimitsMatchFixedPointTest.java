package dev.spikeforge.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.proto.artifact.validate.FormatLimits;
import org.junit.jupiter.api.Test;

/**
 * The artifact validator (proto, which cannot see this module) checks the ranges the fixed-point
 * model defines.
 */
class FormatLimitsMatchFixedPointTest {
    @Test
    void theValidatorsFixedPointLimitsAreTheModels() {
        assertEquals(FixedPoint.MAX_STATE >> FixedPoint.ACT_SHIFT, FormatLimits.MAX_VTH_MANT);
        assertEquals(FixedPoint.DECAY_UNITY - 1, FormatLimits.MAX_DECAY);
        assertEquals(FixedPoint.BIAS_MANT_MAX, FormatLimits.MAX_BIAS_MANT);
        assertEquals(FixedPoint.BIAS_EXP_MAX, FormatLimits.MAX_BIAS_EXP);
        assertEquals(FixedPoint.STATE_BITS - 1, FormatLimits.MAX_SHIFT);
    }
}
