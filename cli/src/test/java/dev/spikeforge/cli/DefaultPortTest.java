package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.cli.command.ServeCommand;
import dev.spikeforge.device.bridge.BridgeProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * One default port (issue 20 §6): {@link BridgeProtocol#DEFAULT_PORT} is the port {@code serve}
 * listens on when not told otherwise, and every port the README, docs/, scripts/ and bin/ show in a
 * {@code --port P} or a loopback {@code HOST:P} is that one (0, "pick a free port", and
 * out-of-range examples of usage errors excepted).
 */
class DefaultPortTest {
    private static final Pattern PORT =
            Pattern.compile("--port[ =](\\d+)|(?:127\\.0\\.0\\.1|localhost|\\[::1]):(\\d+)");

    @Test
    void serveListensOnTheProtocolsDefaultPort() {
        String d =
                new CommandLine(new ServeCommand())
                        .getCommandSpec()
                        .findOption("--port")
                        .defaultValue();
        assertEquals(Integer.toString(BridgeProtocol.DEFAULT_PORT), d);
    }

    @Test
    void docsAndScriptsShowOnlyTheDefaultPort() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        for (String dir : List.of("docs", "scripts", "bin")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        for (Path module :
                Files.list(root)
                        .filter(p -> Files.isRegularFile(p.resolve("README.md")))
                        .toList()) {
            files.add(module.resolve("README.md"));
        }
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path f : files) {
            // bytes as Latin-1: docs/ also holds binary examples, and the digits read the same in
            // UTF-8
            List<String> lines =
                    List.of(
                            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                                    .split("\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = PORT.matcher(lines.get(i));
                while (m.find()) {
                    int port = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                    seen++;
                    if (port != BridgeProtocol.DEFAULT_PORT && port != 0 && port <= 65535)
                        wrong.add(root.relativize(f) + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertTrue(
                seen > 0,
                "no port found in the docs: the pattern no longer matches how they write one");
        assertEquals(
                List.of(),
                wrong,
                "ports other than BridgeProtocol.DEFAULT_PORT = " + BridgeProtocol.DEFAULT_PORT);
    }
}
