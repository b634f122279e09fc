package dev.spikeforge.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fashion-MNIST from the IDX files that Debian's {@code dataset-fashion-mnist} installs. */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String[] CLASS_NAMES = {
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot"
    };

    public enum Split {
        TRAIN("train"),
        TEST("t10k");
        final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private FashionMnist() {}

    /** The directory given by SPIKEFORGE_FASHION_MNIST when set, else the Debian location. */
    public static Path defaultDir() {
        String env = System.getenv("SPIKEFORGE_FASHION_MNIST");
        return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_DIR;
    }

    public static LabeledImages load(Path dir, Split split, int limit) {
        Path images = locate(dir, split.prefix + "-images-idx3-ubyte");
        Path labels = locate(dir, split.prefix + "-labels-idx1-ubyte");
        IdxFile.Tensor x = IdxFile.read(images);
        IdxFile.Tensor y = IdxFile.read(labels);
        if (x.dims().length != 3)
            throw new DatasetException(
                    images + ": expected a 3-D image tensor, found rank " + x.dims().length);
        if (y.count() != x.count()) {
            throw new DatasetException(
                    labels
                            + ": "
                            + y.count()
                            + " labels for "
                            + x.count()
                            + " images in "
                            + images);
        }
        int[] l = new int[y.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = y.data()[i] & 0xff;
            if (l[i] > 9)
                throw new DatasetException(
                        labels + ": label " + l[i] + " at index " + i + " is not a class 0..9");
        }
        return new LabeledImages(
                        "fashion-mnist/" + split.name().toLowerCase(),
                        x.dims()[1],
                        x.dims()[2],
                        x.data(),
                        l,
                        10)
                .limit(limit);
    }

    private static Path locate(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new DatasetException(
                "Fashion-MNIST not found: "
                        + dir.resolve(base + ".gz")
                        + " does not exist. Install it with `sudo apt-get install"
                        + " dataset-fashion-mnist`, or point --data-dir (or"
                        + " SPIKEFORGE_FASHION_MNIST) at a directory holding the IDX files.");
    }
}
