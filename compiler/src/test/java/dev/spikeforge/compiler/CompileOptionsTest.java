package dev.spikeforge.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.compiler.layers.PoolingChoice;
import dev.spikeforge.compiler.layers.SumChoice;
import org.junit.jupiter.api.Test;

class CompileOptionsTest {
    @Test
    void eachWitherChangesItsOwnChoiceAndKeepsEveryOther() {
        CompileOptions d = CompileOptions.defaults();
        CompileOptions target =
                new CompileOptions(
                        4,
                        other(d.rounding()),
                        0.25,
                        7,
                        other(d.scaleRule()),
                        false,
                        99,
                        null,
                        other(d.scaleMode()),
                        other(d.inputMode()),
                        PoolingChoice.LAYER,
                        SumChoice.DIRECT);
        for (var c : target.getClass().getRecordComponents()) {
            try {
                if (c.getName().equals("validation")) continue;
                assertNotEquals(
                        c.getAccessor().invoke(d),
                        c.getAccessor().invoke(target),
                        c.getName() + " differs from the default");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        // Applied one after another, each keeps what the ones before set.
        CompileOptions chained =
                d.withWeightBits(4)
                        .withRounding(target.rounding())
                        .withReadoutActivity(0.25)
                        .withChipCrossingHops(7)
                        .withScaleRule(target.scaleRule())
                        .withOptimizePlacement(false)
                        .withSeed(99)
                        .withValidation(null)
                        .withScaleMode(target.scaleMode())
                        .withInputMode(target.inputMode())
                        .withPooling(PoolingChoice.LAYER)
                        .withSums(SumChoice.DIRECT);
        assertEquals(target, chained);
        // And a wither still validates: the record's checks run on the copy.
        assertThrows(IllegalArgumentException.class, () -> d.withWeightBits(17));
        assertThrows(IllegalArgumentException.class, () -> d.withSums(null));
    }

    /** A value of the enum other than {@code e}. */
    private static <E extends Enum<E>> E other(E e) {
        for (E x : e.getDeclaringClass().getEnumConstants()) if (x != e) return x;
        throw new AssertionError(e + " is its enum's only value");
    }
}
