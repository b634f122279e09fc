package dev.spikeforge.cli.command;

import java.util.Locale;

/** A size on the command line: bytes, or with a k, m, g or t suffix (binary: 1k = 1024 bytes). */
final class ByteSize {
    private ByteSize() {}

    static long parse(String flag, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int shift =
                t.endsWith("k")
                        ? 10
                        : t.endsWith("m") ? 20 : t.endsWith("g") ? 30 : t.endsWith("t") ? 40 : 0;
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n >= 1 && n <= Long.MAX_VALUE >> shift) return n << shift;
        } catch (NumberFormatException ignored) {
            // the message below says what is expected
        }
        throw new UsageError(
                flag
                        + " must be a positive size such as 536870912, 512m or 4g, got '"
                        + text
                        + "'");
    }
}
