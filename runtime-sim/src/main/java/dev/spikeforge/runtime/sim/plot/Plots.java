package dev.spikeforge.runtime.sim.plot;

import dev.spikeforge.proto.artifact.ArtifactFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves charts as PNG; plotting runs headless (no display on servers and CI). */
final class Plots {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    private Plots() {}

    /**
     * Renders the chart, then writes it like every other output file: to a temp file renamed into
     * place.
     */
    static Path save(Chart<?, ?> chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            ArtifactFiles.writeAtomically(
                    file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the plot: " + e.getMessage(), e);
        }
        return file;
    }

    /** A unit that puts the largest value between 1 and 1000. */
    static double joulesScale(double max) {
        double s = 1;
        while (max * s < 1 && s < 1e15) s *= 1000;
        return s;
    }

    /** e.g. 1.07 µJ. */
    static String joules(double j) {
        double s = joulesScale(Math.abs(j));
        return String.format("%.3g %s", j * s, joulesUnit(s));
    }

    static String joulesUnit(double scale) {
        return scale >= 1e15
                ? "fJ"
                : scale >= 1e12
                        ? "pJ"
                        : scale >= 1e9 ? "nJ" : scale >= 1e6 ? "µJ" : scale >= 1e3 ? "mJ" : "J";
    }
}
