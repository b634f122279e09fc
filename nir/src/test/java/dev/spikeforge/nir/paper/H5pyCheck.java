package dev.spikeforge.nir.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs bench/nir_h5py_check.py: h5py (libhdf5, not jhdf) reads files as NIR's reader does. {@link
 * #assertSameGraph} compares two files ({@code --same A B}); {@link #read} prints one file's node
 * types, parameter shapes and edges. Skipped where Debian's python3-h5py is not installed.
 */
public final class H5pyCheck {
    static final Path SCRIPT = Path.of("..", "bench", "nir_h5py_check.py");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private H5pyCheck() {}

    public static void assertSameGraph(Path a, Path b) throws Exception {
        assumeH5py();
        Process p =
                new ProcessBuilder(
                                PYTHON.toString(),
                                SCRIPT.toString(),
                                "--same",
                                a.toString(),
                                b.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "h5py sees the two files differ:\n" + out);
    }

    /**
     * The file as h5py reads it, as the script's JSON (version, nodes with types and parameter
     * shapes, edges); fails when it cannot.
     */
    public static String read(Path file) throws Exception {
        assumeH5py();
        Process p =
                new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), file.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "h5py cannot read the file as NIR's reader does:\n" + out);
        return out;
    }

    private static void assumeH5py() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process probe =
                new ProcessBuilder(PYTHON.toString(), "-c", "import h5py")
                        .redirectErrorStream(true)
                        .start();
        Assumptions.assumeTrue(
                probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3-h5py is not installed");
    }
}
