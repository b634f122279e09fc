package dev.spikeforge.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
    static final Path SLICE = Path.of("../testdata/fashion-mnist-slice");

    @Test
    void sliceLoadsWithItsShapeAndLabels() {
        LabeledImages train = FashionMnist.load(SLICE, FashionMnist.Split.TRAIN, 0);
        assertEquals(2000, train.size());
        assertEquals(784, train.features());
        assertEquals(28, train.rows());
        // The first Fashion-MNIST training labels are 9 (ankle boot), 0, 0, 3, 0.
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, java.util.Arrays.copyOf(train.labels(), 5));
        assertEquals(100, FashionMnist.load(SLICE, FashionMnist.Split.TEST, 100).size());
        for (int i = 0; i < 784; i++) assertTrue(train.value(0, i) >= 0 && train.value(0, i) <= 1);
    }

    @Test
    void missingDatasetNamesThePathAndTheFix(@TempDir Path dir) {
        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0));
        assertTrue(
                e.getMessage().contains(dir.resolve("train-images-idx3-ubyte.gz").toString()),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void truncatedIdxFileIsReported(@TempDir Path dir) throws Exception {
        byte[] header = {0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
        Path f = dir.resolve("x-idx3-ubyte");
        Files.write(f, header);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void rateEncodingIsSeededPerSampleAndMatchesBetweenForms() {
        RateEncoder enc = new RateEncoder(50, 1f, 7);
        float[] x = new float[100];
        for (int i = 0; i < x.length; i++) x[i] = i / 99f;
        SpikeTrain a = enc.encode(3, x);
        float[] dense = new float[50 * 100];
        enc.encodeDense(3, x, dense, 0, 100);
        long n = 0;
        for (int t = 0; t < 50; t++) {
            for (int i : a.spikesPerStep()[t]) assertEquals(1f, dense[t * 100 + i]);
            n += a.spikesPerStep()[t].length;
        }
        double sum = 0;
        for (float v : dense) sum += v;
        assertEquals(n, (long) sum, "dense and event forms hold the same spikes");
        // Expected count: 50 steps × Σ x_i = 50 × 50 = 2500; binomial sd ≈ 32
        assertEquals(2500, n, 130);
        assertEquals(
                0,
                a.spikesPerStep()[0].length > 0 && a.spikesPerStep()[0][0] == 0 ? 1 : 0,
                "pixel 0 (value 0) never spikes");
        assertArrayEquals(
                a.spikesPerStep()[10],
                enc.encode(3, x).spikesPerStep()[10],
                "same key, same spikes");
        assertFalse(
                java.util.Arrays.equals(
                        a.spikesPerStep()[10], enc.encode(4, x).spikesPerStep()[10]),
                "other key, other spikes");
    }
}
