package dev.spikeforge.proto.artifact;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temp files atomic writes rename into place: {@code .NAME.PID.RANDOM.tmp} beside the target. A
 * writer killed between creating its temp file and renaming it leaves the file behind; the next
 * write to the same path removes those whose process is gone. A temp file of a live process
 * (another write in progress) is left alone.
 */
final class TempSiblings {
    private static final long PID = ProcessHandle.current().pid();

    private TempSiblings() {}

    static String name(Path target, long random) {
        return "."
                + target.getFileName()
                + "."
                + PID
                + "."
                + Long.toUnsignedString(random, 36)
                + ".tmp";
    }

    /**
     * Deletes the abandoned temp files of {@code target}; a failure to list or delete is not the
     * write's problem.
     */
    static void removeAbandoned(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Pattern mine =
                Pattern.compile(
                        Pattern.quote("." + target.getFileName() + ".")
                                + "(\\d+)\\.[0-9a-z]+\\.tmp");
        try (DirectoryStream<Path> siblings =
                Files.newDirectoryStream(
                        dir, "." + escapeGlob(target.getFileName().toString()) + ".*.tmp")) {
            for (Path p : siblings) {
                Matcher m = mine.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                // This process's own writes clean up after themselves; another live process is
                // mid-write.
                if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    continue;
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers are an untidiness, not a reason to fail the write
        }
    }

    /**
     * Makes a rename durable where the system lets a directory be opened and forced (Linux does;
     * some do not).
     */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported here: the file itself was forced before the rename
        }
    }

    private static String escapeGlob(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
