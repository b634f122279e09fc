package dev.spikeforge.trainer.stability;

import dev.spikeforge.trainer.surrogate.FastSigmoid;
import dev.spikeforge.trainer.surrogate.ShapedSurrogate;
import dev.spikeforge.trainer.surrogate.Surrogate;

/** The surrogate shape the solver tunes: one member per dampening γ and sharpness s. */
public interface SurrogateFamily {
    Surrogate create(double gamma, double sharpness);

    /** The shape's name, for the report. */
    String name();

    /**
     * q of the q-PseudoSpike shape, 0 for the others: with {@link #name()}, what identifies the
     * family.
     */
    default double tailFatness() {
        return 0;
    }

    /** The shape of {@code s} when it is one of the shaped family, else the fast sigmoid. */
    static SurrogateFamily of(Surrogate s) {
        if (!(s instanceof ShapedSurrogate shaped)) return FAST_SIGMOID;
        return new SurrogateFamily() {
            @Override
            public Surrogate create(double gamma, double sharpness) {
                return shaped.with(gamma, sharpness);
            }

            @Override
            public String name() {
                return shaped.shape();
            }

            @Override
            public double tailFatness() {
                return shaped.tailFatness();
            }
        };
    }

    /** The fast-sigmoid derivative γ / (1 + 2|s x|)², the trainer's default. */
    SurrogateFamily FAST_SIGMOID =
            new SurrogateFamily() {
                @Override
                public Surrogate create(double gamma, double sharpness) {
                    return new FastSigmoid(gamma, sharpness);
                }

                @Override
                public String name() {
                    return FastSigmoid.SHAPE;
                }
            };
}
