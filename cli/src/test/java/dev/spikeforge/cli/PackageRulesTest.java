package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds every package of every module's {@code src/main/java} to what its {@code package-info.java}
 * says it must not depend on (issue 20 §6, "Navigation"). The cli module runs it because it is the
 * one that sits above all others; it reads the sources from the reactor root, so a new module is
 * covered as soon as it has a {@code src/main/java}.
 *
 * <p>The rule is one sentence in the package's Javadoc, machine-readable and still plain
 * documentation:
 *
 * <pre>
 *  * &lt;p&gt;Must not depend on: {&#64;code dev.spikeforge.cli}, {&#64;code dev.spikeforge.device.bridge.server}.
 * </pre>
 *
 * The sentence starts with {@code Must not depend on:}, lists {@code {@code NAME}} entries
 * separated by commas (line breaks between entries are fine) and ends with a full stop. An entry
 * names a package together with all its subpackages; {@code dev.spikeforge} alone means nothing of
 * the project (the generated {@code dev.spikeforge.proto} messages included). A package's own
 * classes never count against it. Every entry must name an existing package or a prefix of one, so
 * a rule cannot silently go stale after a rename.
 *
 * <p>A source file breaks its package's rule when one of its {@code import} lines ({@code import
 * static} included) or a fully qualified name in its code names a class of a forbidden package.
 * Comments, Javadoc and string literals are not code: a {@code {@link}} to a forbidden class is
 * documentation, not a dependency. Only the package part of a name counts (the segments before the
 * first one that starts with an upper-case letter).
 *
 * <p>Every package must also have a {@code package-info.java}; a package without a rule sentence is
 * allowed (nothing to check), but every package shipped so far states one.
 */
class PackageRulesTest {
    private static final String MARKER = "Must not depend on:";
    private static final String PROJECT = "dev.spikeforge";

    @Test
    void everyMainPackageHasAPackageInfo() {
        Sources sources = Sources.read(reactorRoot());
        assertTrue(
                sources.packages.size() > 50,
                "found only " + sources.packages.size() + " packages under " + reactorRoot());
        assertEquals(
                List.of(),
                sources.missingPackageInfo(),
                "packages without a package-info.java (say in 2-6 lines what the package holds and"
                        + " what it must not depend on)");
    }

    @Test
    void noPackageDependsOnWhatItsPackageInfoForbids() {
        Sources sources = Sources.read(reactorRoot());
        assertTrue(
                sources.rules.size() > 50,
                "found only " + sources.rules.size() + " rule sentences");
        assertEquals(
                List.of(),
                sources.violations(),
                "dependencies that package-info.java rules forbid");
    }

    @Test
    void aPlantedImportIsCaughtNamingFileImportAndRule(@TempDir Path root) throws IOException {
        write(
                root,
                "a/src/main/java/dev/spikeforge/low/package-info.java",
                """
                /**
                 * The bottom.
                 *
                 * <p>Must not depend on: {@code dev.spikeforge.high},
                 * {@code dev.spikeforge.other}.
                 */
                package dev.spikeforge.low;
                """);
        write(
                root,
                "a/src/main/java/dev/spikeforge/low/Low.java",
                """
                package dev.spikeforge.low;

                import java.util.List;
                import dev.spikeforge.low.sub.Fine;
                import static dev.spikeforge.other.Util.helper;

                /** Mentions {@link dev.spikeforge.high.High} and "dev.spikeforge.high.High" harmlessly. */
                public class Low {
                    // dev.spikeforge.high.High in a comment is fine too
                    Object o = new dev.spikeforge.high.High();
                    String s = "dev.spikeforge.high.High"; char c = '"'; String t = \"""
                        dev.spikeforge.high.High
                        \""";
                }
                """);
        write(
                root,
                "a/src/main/java/dev/spikeforge/low/sub/package-info.java",
                "/** Below low. */\npackage dev.spikeforge.low.sub;\n");
        write(
                root,
                "a/src/main/java/dev/spikeforge/low/sub/Fine.java",
                "package dev.spikeforge.low.sub;\npublic class Fine {}\n");
        write(
                root,
                "b/src/main/java/dev/spikeforge/high/package-info.java",
                "/** The top. */\npackage dev.spikeforge.high;\n");
        write(
                root,
                "b/src/main/java/dev/spikeforge/high/High.java",
                """
                package dev.spikeforge.high;

                import dev.spikeforge.low.Low;

                public class High {}
                """);
        write(
                root,
                "b/src/main/java/dev/spikeforge/other/Util.java",
                "package dev.spikeforge.other;\npublic class Util {}\n");

        Sources sources = Sources.read(root);
        assertEquals(List.of("dev.spikeforge.other"), sources.missingPackageInfo());
        List<String> v = sources.violations();
        assertEquals(2, v.size(), String.join("\n", v));
        assertEquals(
                "a/src/main/java/dev/spikeforge/low/Low.java:5: import"
                    + " dev.spikeforge.other.Util.helper breaks the rule of"
                    + " a/src/main/java/dev/spikeforge/low/package-info.java: dev.spikeforge.low"
                    + " must not depend on dev.spikeforge.other",
                v.get(0));
        assertEquals(
                "a/src/main/java/dev/spikeforge/low/Low.java:10: reference dev.spikeforge.high.High"
                    + " breaks the rule of a/src/main/java/dev/spikeforge/low/package-info.java:"
                    + " dev.spikeforge.low must not depend on dev.spikeforge.high",
                v.get(1));
    }

    @Test
    void theWholeProjectEntryForbidsEverythingButTheOwnPackage(@TempDir Path root)
            throws IOException {
        write(
                root,
                "m/src/main/java/dev/spikeforge/base/package-info.java",
                "/**\n"
                        + " * Plain.\n"
                        + " *\n"
                        + " * <p>Must not depend on: {@code dev.spikeforge}.\n"
                        + " */\n"
                        + "package dev.spikeforge.base;\n");
        write(
                root,
                "m/src/main/java/dev/spikeforge/base/A.java",
                "package dev.spikeforge.base;\n"
                        + "import dev.spikeforge.base.B;\n"
                        + "import dev.spikeforge.base.codec.C;\n"
                        + "class A {}\n");
        write(
                root,
                "m/src/main/java/dev/spikeforge/base/B.java",
                "package dev.spikeforge.base;\nclass B {}\n");
        write(
                root,
                "m/src/main/java/dev/spikeforge/base/codec/package-info.java",
                "/** Codec. */\npackage dev.spikeforge.base.codec;\n");
        write(
                root,
                "m/src/main/java/dev/spikeforge/base/codec/C.java",
                "package dev.spikeforge.base.codec;\nclass C {}\n");
        List<String> v = Sources.read(root).violations();
        assertEquals(1, v.size(), String.join("\n", v));
        assertTrue(
                v.get(0)
                        .startsWith(
                                "m/src/main/java/dev/spikeforge/base/A.java:3: import"
                                        + " dev.spikeforge.base.codec.C breaks"),
                v.get(0));
    }

    @Test
    void aMalformedOrStaleRuleIsReported(@TempDir Path root) throws IOException {
        write(
                root,
                "m/src/main/java/dev/spikeforge/x/package-info.java",
                "/**\n"
                    + " * X.\n"
                    + " *\n"
                    + " * <p>Must not depend on: {@code dev.spikeforge.gone}, dev.spikeforge.y.\n"
                    + " */\n"
                    + "package dev.spikeforge.x;\n");
        write(
                root,
                "m/src/main/java/dev/spikeforge/y/package-info.java",
                "/**\n"
                        + " * Y.\n"
                        + " *\n"
                        + " * <p>Must not depend on: {@code dev.spikeforge.nowhere}.\n"
                        + " */\n"
                        + "package dev.spikeforge.y;\n");
        List<String> v = Sources.read(root).violations();
        assertEquals(2, v.size(), String.join("\n", v));
        assertTrue(
                v.get(0).contains("dev/spikeforge/x/package-info.java: malformed rule"), v.get(0));
        assertTrue(
                v.get(1)
                        .contains(
                                "dev/spikeforge/y/package-info.java: rule names"
                                        + " dev.spikeforge.nowhere, which is no package"),
                v.get(1));
    }

    // ---- the checker

    private static Path reactorRoot() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try {
            if (!Files.readString(root.resolve("pom.xml")).contains("<module>cli</module>")) {
                throw new IllegalStateException(
                        root + " is not the reactor root (run the test from the cli module)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** One package's rule: the packages (with their subpackages) it must not depend on. */
    private record Rule(String pkg, String file, List<String> forbidden) {
        String forbids(String target) {
            if (target.equals(pkg)) return null;
            for (String f : forbidden) if (target.equals(f) || target.startsWith(f + ".")) return f;
            return null;
        }
    }

    /** A class named in a source file: by an import line or by a fully qualified name in code. */
    private record Reference(int line, String how, String name) {}

    /** The main sources of every module under a root: packages, their files, their rules. */
    private static final class Sources {
        final Path root;
        final Map<String, List<Path>> packages = new TreeMap<>();
        final Set<String> withPackageInfo = new TreeSet<>();
        final Map<String, Rule> rules = new TreeMap<>();
        final List<String> ruleProblems = new ArrayList<>();

        private Sources(Path root) {
            this.root = root;
        }

        static Sources read(Path root) {
            Sources s = new Sources(root);
            try (Stream<Path> modules = Files.list(root)) {
                for (Path module : modules.sorted().toList()) {
                    Path main = module.resolve("src/main/java");
                    if (!Files.isDirectory(main)) continue;
                    try (Stream<Path> files = Files.walk(main)) {
                        for (Path f :
                                files.filter(p -> p.toString().endsWith(".java")).sorted().toList())
                            s.add(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s.checkRuleNames();
            return s;
        }

        private void add(Path file) throws IOException {
            String text = Files.readString(file);
            Matcher m = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(text);
            if (!m.find()) return; // the default package: nothing to check
            String pkg = m.group(1);
            packages.computeIfAbsent(pkg, k -> new ArrayList<>()).add(file);
            if (!file.getFileName().toString().equals("package-info.java")) return;
            withPackageInfo.add(pkg);
            int at = text.indexOf(MARKER);
            if (at < 0) return;
            String rest = text.substring(at + MARKER.length()).replaceAll("\\n\\s*\\*", " ");
            Matcher e =
                    Pattern.compile("\\G\\s*\\{@code\\s+([\\w.]+)\\s*}\\s*([,.])").matcher(rest);
            List<String> forbidden = new ArrayList<>();
            boolean ended = false;
            while (!ended && e.find()) {
                forbidden.add(e.group(1));
                ended = e.group(2).equals(".");
            }
            if (!ended) {
                ruleProblems.add(
                        rel(file)
                                + ": malformed rule: expected '"
                                + MARKER
                                + " {@code dev.spikeforge.a}, {@code dev.spikeforge.b}.' (each"
                                + " entry in {@code}, a full stop at the end)");
                return;
            }
            rules.put(pkg, new Rule(pkg, rel(file), forbidden));
        }

        private void checkRuleNames() {
            Set<String> known = new TreeSet<>(packages.keySet());
            known.add(PROJECT + ".proto"); // generated from proto/src/main/proto (option
            // java_package)
            for (Rule r : rules.values()) {
                for (String f : r.forbidden()) {
                    boolean exists =
                            f.equals(PROJECT)
                                    || known.stream()
                                            .anyMatch(k -> k.equals(f) || k.startsWith(f + "."));
                    if (!exists)
                        ruleProblems.add(
                                r.file()
                                        + ": rule names "
                                        + f
                                        + ", which is no package (renamed or misspelt?)");
                }
            }
        }

        List<String> missingPackageInfo() {
            return packages.keySet().stream().filter(p -> !withPackageInfo.contains(p)).toList();
        }

        List<String> violations() {
            List<String> out = new ArrayList<>(ruleProblems);
            for (Map.Entry<String, List<Path>> e : packages.entrySet()) {
                Rule rule = rules.get(e.getKey());
                if (rule == null) continue;
                for (Path file : e.getValue()) {
                    String text;
                    try {
                        text = Files.readString(file);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    for (Reference ref : references(text)) {
                        String target = packageOf(ref.name());
                        String f = rule.forbids(target);
                        if (f != null) {
                            out.add(
                                    rel(file)
                                            + ":"
                                            + ref.line()
                                            + ": "
                                            + ref.how()
                                            + " "
                                            + ref.name()
                                            + " breaks the rule of "
                                            + rule.file()
                                            + ": "
                                            + rule.pkg()
                                            + " must not depend on "
                                            + f);
                        }
                    }
                }
            }
            return out;
        }

        private String rel(Path file) {
            return root.relativize(file).toString().replace('\\', '/');
        }
    }

    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;");
    private static final Pattern QUALIFIED =
            Pattern.compile(
                    "(?<![\\w.])(" + Pattern.quote(PROJECT) + "(?:\\.[a-z_]\\w*)*\\.[A-Z]\\w*)");

    /**
     * Import lines and fully qualified project names in code, with their line numbers; comments and
     * literals skipped.
     */
    static List<Reference> references(String source) {
        List<Reference> refs = new ArrayList<>();
        String[] lines = codeOnly(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher imp = IMPORT.matcher(line);
            if (imp.find()) {
                if (imp.group(1).startsWith(PROJECT + "."))
                    refs.add(new Reference(i + 1, "import", imp.group(1)));
                continue;
            }
            if (line.trim().startsWith("package ")) continue;
            Matcher q = QUALIFIED.matcher(line);
            while (q.find()) refs.add(new Reference(i + 1, "reference", q.group(1)));
        }
        return refs;
    }

    /**
     * The package part of a name: its segments up to the first that starts with an upper-case
     * letter.
     */
    static String packageOf(String name) {
        StringBuilder pkg = new StringBuilder();
        for (String seg : name.split("\\.")) {
            if (!seg.isEmpty() && Character.isUpperCase(seg.charAt(0))) break;
            if (pkg.length() > 0) pkg.append('.');
            pkg.append(seg);
        }
        return pkg.toString();
    }

    /**
     * The source with comments, string, text-block and char literals blanked out (line breaks
     * kept).
     */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !s.startsWith("\"\"\"", j)) j += s.charAt(j) == '\\' ? 2 : 1;
                int end = Math.min(n, j + 3);
                blank(s, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n')
                    j += s.charAt(j) == '\\' ? 2 : 1;
                int end = Math.min(n, j + 1);
                blank(s, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) out.append(s.charAt(k) == '\n' ? '\n' : ' ');
    }
}
