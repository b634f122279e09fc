package dev.spikeforge.trainer.input;

import dev.spikeforge.trainer.ConfigException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training-time image augmentation: a random horizontal flip and a random shift of up to {@code
 * maxShift} pixels in each direction (vacated pixels black). The choice for a sample depends only
 * on (seed, key), and the trainer's keys differ per epoch, so every epoch sees other variants and a
 * resumed run the same ones. Never used for evaluation.
 */
public record Augmentation(boolean flip, int maxShift) {
    public static final Augmentation NONE = new Augmentation(false, 0);

    public Augmentation {
        if (maxShift < 0)
            throw new ConfigException("augment", "shift must be >= 0, got " + maxShift);
    }

    public boolean active() {
        return flip || maxShift > 0;
    }

    /**
     * Augments {@code image} (rows × cols, row-major) in place; {@code scratch} has the same
     * length.
     */
    public void apply(long seed, long key, float[] image, int rows, int cols, float[] scratch) {
        if (!active()) return;
        SplittableRandom r = new SplittableRandom(seed ^ (key * 0x9E3779B97F4A7C15L));
        boolean mirror = flip && r.nextBoolean();
        int dy = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
        int dx = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
        Arrays.fill(scratch, 0, rows * cols, 0f);
        for (int y = Math.max(0, dy); y < Math.min(rows, rows + dy); y++) {
            int from = (y - dy) * cols;
            for (int x = Math.max(0, dx); x < Math.min(cols, cols + dx); x++) {
                int sx = x - dx;
                scratch[y * cols + x] = image[from + (mirror ? cols - 1 - sx : sx)];
            }
        }
        System.arraycopy(scratch, 0, image, 0, rows * cols);
    }

    public String describe() {
        return active() ? "flip=" + flip + ", shift=" + maxShift : "none";
    }
}
