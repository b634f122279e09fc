package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark history lives in docs/benchmarks.md, not in Javadoc (issue 20 §6): a comment in main
 * code keeps the reason for a choice and points to the section ("see docs/benchmarks.md, "Row
 * lookahead""); the figures, with their command and date, go to the document. This test catches the
 * plain forms of a figure slipping back into a comment of any module's {@code src/main/java}: a
 * rate in events/s or M/s, a date (YYYY-MM-DD), or "measured" followed within a sentence or so by a
 * number in ×, %, ms, µs or ns. It is a heuristic: it looks at comments only (strings, such as a
 * command's printed targets, are output, not history).
 */
class BenchmarkHistoryTest {
    private static final List<Pattern> FIGURES =
            List.of(
                    Pattern.compile("\\d[\\d.,]*\\s?[MGk]\\s?events/s"),
                    Pattern.compile("\\d[\\d.,]*\\s?M/s\\b"),
                    Pattern.compile("\\b20\\d\\d-[01]\\d-[0-3]\\d\\b"),
                    Pattern.compile("(?i)\\bmeasured\\b.{0,80}?\\d\\s?(×|%|ms|µs|ns)(?!\\w)"));

    @Test
    void mainCodeCommentsCarryNoBenchmarkFigures() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main :
                    modules.map(m -> m.resolve("src/main/java"))
                            .filter(Files::isDirectory)
                            .sorted()
                            .toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f :
                            files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        for (String hit : figures(Files.readString(f)))
                            found.add(root.relativize(f) + ": " + hit);
                    }
                }
            }
        }
        assertEquals(
                List.of(),
                found,
                "benchmark figures in comments: move them to docs/benchmarks.md and point there");
    }

    @Test
    void theFormsThatWereMovedAreCaught() {
        assertEquals(
                4,
                figures(
                                """
                                /** Measured on the 10 k × 1 000 benchmark: 2 threads 617 → 683–967 M events/s (docs/benchmarks.md). */
                                class A {
                                    // an array of equal thresholds measured between 10 % slower and 8 % faster
                                    String s = "targets: >= 5 M events/s";
                                    /* libnd4j's conv2d measured
                                     * 3–6× slower, 2026-11-25 */
                                }
                                """)
                        .size());
        assertEquals(
                List.of(),
                figures(
                        "/** Rates (steps/s, events/s) are the difference of two snapshots; see"
                                + " docs/benchmarks.md. */"));
    }

    /** The figures in the comments of one source, each with a little context. */
    static List<String> figures(String source) {
        List<String> hits = new ArrayList<>();
        for (String c : comments(source)) {
            String text = c.replaceAll("\\s*\\n\\s*\\*?\\s*", " ");
            for (Pattern p : FIGURES) {
                Matcher m = p.matcher(text);
                while (m.find())
                    hits.add(
                            text.substring(
                                    Math.max(0, m.start() - 40),
                                    Math.min(text.length(), m.end() + 10)));
            }
        }
        return hits;
    }

    /**
     * Line comments, block comments and Javadoc of a source, string, text-block and char literals
     * skipped.
     */
    static List<String> comments(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.startsWith("//", i)) {
                int j = s.indexOf('\n', i);
                j = j < 0 ? n : j;
                out.add(s.substring(i, j));
                i = j;
            } else if (s.startsWith("/*", i)) {
                int j = s.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                out.add(s.substring(i, j));
                i = j;
            } else if (s.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !s.startsWith("\"\"\"", j)) j += s.charAt(j) == '\\' ? 2 : 1;
                i = Math.min(n, j + 3);
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char q = s.charAt(i);
                int j = i + 1;
                while (j < n && s.charAt(j) != q && s.charAt(j) != '\n')
                    j += s.charAt(j) == '\\' ? 2 : 1;
                i = Math.min(n, j + 1);
            } else {
                i++;
            }
        }
        return out;
    }
}
