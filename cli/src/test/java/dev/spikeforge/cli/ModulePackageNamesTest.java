package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.*;

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
 * Module and package names agree: every source file of module {@code a-b} (main and test) is in
 * package {@code dev.spikeforge.a.b} or below it, so a class's package says which module holds it,
 * and lies in the folder its package names.
 */
class ModulePackageNamesTest {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    @Test
    void everySourceFileLivesInItsModulesPackage() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(pom);
        List<String> modules = new ArrayList<>(), wrong = new ArrayList<>();
        int files = 0;
        while (m.find()) modules.add(m.group(1));
        assertTrue(
                modules.contains("runtime-sim") && modules.contains("proto"),
                "modules read from the reactor pom: " + modules);
        for (String module : modules) {
            String expected = "dev.spikeforge." + module.replace('-', '.');
            for (String set : List.of("main", "test")) {
                Path dir = root.resolve(module).resolve("src").resolve(set).resolve("java");
                if (!Files.isDirectory(dir)) continue;
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                        files++;
                        Matcher p = PACKAGE.matcher(Files.readString(f));
                        String pkg = p.find() ? p.group(1) : "(none)";
                        if (!pkg.equals(expected) && !pkg.startsWith(expected + "."))
                            wrong.add(
                                    root.relativize(f)
                                            + ": package "
                                            + pkg
                                            + ", expected "
                                            + expected
                                            + "[.*]");
                        String folder =
                                dir.relativize(f.getParent())
                                        .toString()
                                        .replace(java.io.File.separatorChar, '.');
                        if (!folder.equals(pkg))
                            wrong.add(
                                    root.relativize(f)
                                            + ": package "
                                            + pkg
                                            + " in folder "
                                            + folder);
                    }
                }
            }
        }
        assertTrue(files > 500, "found only " + files + " source files");
        assertEquals(List.of(), wrong, "files whose package does not say their module");
    }
}
