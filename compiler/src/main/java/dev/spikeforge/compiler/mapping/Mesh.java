package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;

/**
 * Core positions and hop distances. Core slot g sits on chip g / coresPerChip; within a chip slots fill the mesh
 * along x first: x = slot mod meshWidth, y = slot div meshWidth.
 *
 * <p>Chips are modelled side by side along x, so a route's hops are the Manhattan distance in board coordinates
 * (x + chip·meshWidth, y) plus {@code chipCrossingHops} extra hops per chip boundary crossed. The extra hops stand
 * for an off-chip link being dearer than an on-chip hop; the energy model charges them at the profile's hop energy.
 */
public record Mesh(int coresPerChip, int meshWidth, int chipCrossingHops) {
    /** Default for the extra hops of a chip crossing: an assumption (no per-link figure is published for Loihi). */
    public static final int DEFAULT_CHIP_CROSSING_HOPS = 8;

    public static Mesh of(ChipProfile p, int chipCrossingHops) {
        return new Mesh(p.getCoresPerChip(), p.getMeshWidth(), chipCrossingHops);
    }

    public int chip(int slot) {
        return slot / coresPerChip;
    }

    public int x(int slot) {
        return (slot % coresPerChip) % meshWidth;
    }

    public int y(int slot) {
        return (slot % coresPerChip) / meshWidth;
    }

    public int hops(int chipA, int xA, int yA, int chipB, int xB, int yB) {
        long boardXa = (long) chipA * meshWidth + xA, boardXb = (long) chipB * meshWidth + xB;
        return (int) (Math.abs(boardXa - boardXb) + Math.abs(yA - yB) + (long) chipCrossingHops * Math.abs(chipA - chipB));
    }
}
