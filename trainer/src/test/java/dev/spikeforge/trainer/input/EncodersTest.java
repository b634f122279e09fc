package dev.spikeforge.trainer.input;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.proto.Encoding;
import org.junit.jupiter.api.Test;

/** The encodings and the training-time augmentation, sample by sample. */
class EncodersTest {

    @Test
    void latencyFiresOnceEarlierForBrighterPixels() {
        LatencySamples e = new LatencySamples(11, 3, 1f, 0.1f);
        float[] out = new float[11 * 3];
        e.encode(0, new float[] {1f, 0.5f, 0.05f}, out, 0, 3);
        assertEquals(0, e.spikeStep(1f));
        assertEquals(5, e.spikeStep(0.5f));
        assertEquals(-1, e.spikeStep(0.05f), "at or below the cutoff: never");
        double total = 0;
        for (float v : out) total += v;
        assertEquals(2, total);
        assertEquals(1f, out[0]);
        assertEquals(1f, out[5 * 3 + 1]);
    }

    @Test
    void sequentialPresentsOneRowPerStepThenZeros() {
        SampleEncoder e = SampleEncoders.create(Encoding.SEQUENTIAL, 4, 2f, 0f, 0, 2, 3);
        float[] out = new float[4 * 3];
        java.util.Arrays.fill(out, 9f);
        e.encode(0, new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, out, 0, 3);
        assertArrayEquals(
                new float[] {0.2f, 0.4f, 0.6f, 0.8f, 1.0f, 1.2f, 0, 0, 0, 0, 0, 0}, out, 1e-6f);
        assertEquals(3, e.width());
    }

    @Test
    void directIsTheScaledImageOnce() {
        SampleEncoder e = SampleEncoders.create(Encoding.DIRECT, 10, 0.5f, 0f, 0, 1, 2);
        float[] out = new float[2];
        e.encode(7, new float[] {1f, 0.4f}, out, 0, 2);
        assertArrayEquals(new float[] {0.5f, 0.2f}, out);
        assertTrue(e.constant());
        assertFalse(e.spikes());
    }

    @Test
    void augmentationShiftsAndFlipsReproducibly() {
        float[] image = new float[16];
        for (int i = 0; i < 16; i++) image[i] = i + 1;
        Augmentation a = new Augmentation(true, 1);
        float[] x = image.clone(), y = image.clone(), scratch = new float[16];
        a.apply(5, 3, x, 4, 4, scratch);
        a.apply(5, 3, y, 4, 4, scratch);
        assertArrayEquals(x, y, "same seed and key, same variant");
        int differing = 0;
        for (long key = 0; key < 20; key++) {
            float[] z = image.clone();
            a.apply(5, key, z, 4, 4, scratch);
            if (!java.util.Arrays.equals(z, image)) differing++;
            double kept = 0;
            for (float v : z) if (v != 0) kept++;
            assertTrue(kept >= 9, "a shift by at most one pixel keeps at least a 3x3 block");
        }
        assertTrue(differing > 10, "most keys change the image");

        float[] flipOnly = image.clone();
        for (long key = 0; ; key++) {
            float[] z = image.clone();
            new Augmentation(true, 0).apply(5, key, z, 4, 4, scratch);
            if (!java.util.Arrays.equals(z, image)) {
                assertArrayEquals(
                        new float[] {4, 3, 2, 1},
                        java.util.Arrays.copyOf(z, 4),
                        "first row mirrored");
                break;
            }
        }
        Augmentation.NONE.apply(5, 3, flipOnly, 4, 4, scratch);
        assertArrayEquals(image, flipOnly);
    }
}
