package dev.spikeforge.cli.sweep;

import dev.spikeforge.cli.command.SurrogateFlags;
import dev.spikeforge.trainer.surrogate.AdaLi;
import dev.spikeforge.trainer.surrogate.Surrogate;

/**
 * One point of the grid: a surrogate shape with its dampening, sharpness (and q), and a learning
 * rate.
 */
public record SweepCell(
        String shape, double dampening, double sharpness, double tailFatness, double lr)
        implements java.io.Serializable {

    /** A file name that says what the cell is, e.g. "fast-sigmoid_g0.5_s1.0_lr0.001". */
    public String id() {
        return shape
                + "_g"
                + dampening
                + "_s"
                + sharpness
                + (tailFatness > 0 ? "_q" + tailFatness : "")
                + "_lr"
                + lr;
    }

    /** AdaLi cells carry no dampening or sharpness (0): its window follows the default schedule. */
    public Surrogate surrogate() {
        if (shape.equals(AdaLi.SHAPE)) return SurrogateFlags.surrogate(shape, null, null, null);
        return SurrogateFlags.surrogate(
                shape, dampening, sharpness, tailFatness > 0 ? tailFatness : null);
    }
}
