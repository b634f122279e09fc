package dev.spikeforge.compiler.mapping;

import dev.spikeforge.proto.ChipProfile;

/**
 * Core positions and hop distances. Core slot g sits on chip g / coresPerChip; within a chip slots
 * fill the mesh along x first: x = slot mod meshWidth, y = slot div meshWidth. Chips form a
 * chipsX-wide grid on the board.
 *
 * <p>A route's hops are the Manhattan distance between tiles in board coordinates (chipX·tilesX + x
 * / tileWidth, chipY·tilesY + y / tileHeight; a tile is tileWidth × tileHeight cores sharing a
 * router, 1 × 1 unless the profile says otherwise) plus {@code chipCrossingHops} extra hops per
 * chip boundary crossed. The extra hops stand for an off-chip link being dearer than an on-chip
 * hop. The host's spikes enter at (0, 0) of chip 0. The simulator's cost model counts the same tile
 * hops (runtime-sim's ChipGeometry), and chip crossings apart.
 */
public record Mesh(
        int coresPerChip,
        int meshWidth,
        int meshHeight,
        int chipsX,
        int chipCrossingHops,
        int tileWidth,
        int tileHeight) {
    /**
     * Default for the extra hops of a chip crossing: an assumption (no per-link figure is published
     * for Loihi).
     */
    public static final int DEFAULT_CHIP_CROSSING_HOPS = 8;

    public static Mesh of(ChipProfile p, int chipCrossingHops) {
        int chipsX = p.getChipsX() > 0 ? p.getChipsX() : Math.max(1, p.getChips());
        return new Mesh(
                p.getCoresPerChip(),
                p.getMeshWidth(),
                p.getMeshHeight(),
                chipsX,
                chipCrossingHops,
                Math.max(1, p.getTileWidth()),
                Math.max(1, p.getTileHeight()));
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
        long tilesX = (meshWidth + tileWidth - 1) / tileWidth,
                tilesY = (meshHeight + tileHeight - 1) / tileHeight;
        long bxA = cxA * tilesX + xA / tileWidth, byA = cyA * tilesY + yA / tileHeight;
        long bxB = cxB * tilesX + xB / tileWidth, byB = cyB * tilesY + yB / tileHeight;
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
