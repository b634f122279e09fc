package dev.spikeforge.runtime.sim.cost;

import dev.spikeforge.proto.ChipProfile;
import dev.spikeforge.proto.CompiledNetwork;
import dev.spikeforge.proto.Core;

/**
 * Where each core sits in tile and chip coordinates, and how far a message travels between two
 * cores: tile hops east-west and north-south on the board's tile grid, and chip boundaries crossed.
 * A tile is {@code tile_width} × {@code tile_height} cores of a chip's mesh (Loihi: 4 cores share
 * one router); chips form a {@code chips_x}-wide grid. The host's messages enter at tile (0, 0) of
 * chip 0.
 */
public final class ChipGeometry {
    /**
     * Packed hops: x in bits 0..11, y in bits 12..23, chip crossings in bits 24..31 (saturating).
     */
    private static final int MAX_TILE_HOPS = (1 << 12) - 1, MAX_CHIP_HOPS = (1 << 8) - 1;

    private final int[] tileX, tileY, chipX, chipY, chip;
    private final int tiles;
    private final int chips;

    private ChipGeometry(
            int[] tileX, int[] tileY, int[] chipX, int[] chipY, int[] chip, int tiles, int chips) {
        this.tileX = tileX;
        this.tileY = tileY;
        this.chipX = chipX;
        this.chipY = chipY;
        this.chip = chip;
        this.tiles = tiles;
        this.chips = chips;
    }

    public static ChipGeometry of(CompiledNetwork net) {
        ChipProfile p = net.getProfile();
        int n = Math.max(1, net.getCoresCount());
        int tw = Math.max(1, p.getTileWidth()), th = Math.max(1, p.getTileHeight());
        int tilesX = Math.max(1, (p.getMeshWidth() + tw - 1) / tw),
                tilesY = Math.max(1, (p.getMeshHeight() + th - 1) / th);
        int chipsX = p.getChipsX() > 0 ? p.getChipsX() : Math.max(1, p.getChips());
        int[] tx = new int[n], ty = new int[n], cx = new int[n], cy = new int[n], ch = new int[n];
        java.util.Set<Long> usedTiles = new java.util.HashSet<>();
        java.util.Set<Integer> usedChips = new java.util.HashSet<>();
        for (int c = 0; c < n; c++) {
            Core core = net.getCoresCount() == 0 ? Core.getDefaultInstance() : net.getCores(c);
            int k = core.getChip();
            ch[c] = k;
            cx[c] = k % chipsX;
            cy[c] = k / chipsX;
            tx[c] = cx[c] * tilesX + core.getX() / tw;
            ty[c] = cy[c] * tilesY + core.getY() / th;
            usedTiles.add(((long) tx[c] << 32) | ty[c]);
            usedChips.add(k);
        }
        return new ChipGeometry(tx, ty, cx, cy, ch, usedTiles.size(), usedChips.size());
    }

    /** Tiles holding at least one of the network's cores (the barrier's size). */
    public int tilesInUse() {
        return tiles;
    }

    /** Chips holding at least one of the network's cores. */
    public int chipsInUse() {
        return chips;
    }

    public int chipOf(int core) {
        return chip[core];
    }

    /** Hops from core a to core b, packed (see {@link #hopsX}); a = -1 is the host. */
    public int hops(int a, int b) {
        int ax = a < 0 ? 0 : tileX[a],
                ay = a < 0 ? 0 : tileY[a],
                acx = a < 0 ? 0 : chipX[a],
                acy = a < 0 ? 0 : chipY[a];
        int hx = Math.min(MAX_TILE_HOPS, Math.abs(ax - tileX[b])),
                hy = Math.min(MAX_TILE_HOPS, Math.abs(ay - tileY[b]));
        int hc = Math.min(MAX_CHIP_HOPS, Math.abs(acx - chipX[b]) + Math.abs(acy - chipY[b]));
        return hx | hy << 12 | hc << 24;
    }

    public static int hopsX(int packed) {
        return packed & MAX_TILE_HOPS;
    }

    public static int hopsY(int packed) {
        return (packed >>> 12) & MAX_TILE_HOPS;
    }

    public static int chipHops(int packed) {
        return packed >>> 24;
    }
}
