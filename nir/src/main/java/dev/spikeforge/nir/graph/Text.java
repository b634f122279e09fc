package dev.spikeforge.nir.graph;

import java.util.Objects;

/** A string-valued parameter, e.g. a convolution's padding 'same'. */
public record Text(String value) implements Value {
    public Text {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "'" + value + "'";
    }
}
