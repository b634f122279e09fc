package dev.spikeforge.nir.paper;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs bench/nir_h5py_check.py --same A B: h5py (libhdf5, not jhdf) reads both files as NIR's reader does and
 * compares them. Skipped where Debian's python3-h5py is not installed.
 */
final class H5pyCheck {
    static final Path SCRIPT = Path.of("..", "bench", "nir_h5py_check.py");

    private H5pyCheck() {}

    static void assertSameGraph(Path a, Path b) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "python3-h5py is not installed");
        Process p = new ProcessBuilder(python.toString(), SCRIPT.toString(), "--same", a.toString(), b.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "h5py sees the two files differ:\n" + out);
    }
}
