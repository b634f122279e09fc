package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;

/**
 * Core positions and hop distances. Core slot g sits on chip g / coresPerChip; within a chip slots fill the mesh
 * along x first: x = slot mod meshWidth, y = slot div meshWidth. Chips form a chipsX-wide grid on the board.
 *
 * <p>A route's hops are the Manhattan distance in board coordinates (chipX·meshWidth + x, chipY·meshHeight + y)
 * plus {@code chipCrossingHops} extra hops per chip boundary crossed. The extra hops stand for an off-chip link
 * being dearer than an on-chip hop. The host's spikes enter at (0, 0) of chip 0.
 */
public record Mesh(int coresPerChip, int meshWidth, int meshHeight, int chipsX, int chipCrossingHops) {
    /** Default for the extra hops of a chip crossing: an assumption (no per-link figure is published for Loihi). */
    public static final int DEFAULT_CHIP_CROSSING_HOPS = 8;

    public static Mesh of(ChipProfile p, int chipCrossingHops) {
        int chipsX = p.getChipsX() > 0 ? p.getChipsX() : Math.max(1, p.getChips());
        return new Mesh(p.getCoresPerChip(), p.getMeshWidth(), p.getMeshHeight(), chipsX, chipCrossingHops);
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
        long cxA = chipA % chipsX, cyA = chipA / chipsX, cxB = chipB % chipsX, cyB = chipB / chipsX;
        long bxA = cxA * meshWidth + xA, byA = cyA * meshHeight + yA, bxB = cxB * meshWidth + xB, byB = cyB * meshHeight + yB;
        long crossings = Math.abs(cxA - cxB) + Math.abs(cyA - cyB);
        return (int) (Math.abs(bxA - bxB) + Math.abs(byA - byB) + chipCrossingHops * crossings);
    }

    public int hops(int slotA, int slotB) {
        return hops(chip(slotA), x(slotA), y(slotA), chip(slotB), x(slotB), y(slotB));
    }

    /** Hops from where host spikes enter, (0, 0) of chip 0. */
    public int hopsFromHost(int slot) {
        return hops(0, 0, 0, chip(slot), x(slot), y(slot));
    }
}
