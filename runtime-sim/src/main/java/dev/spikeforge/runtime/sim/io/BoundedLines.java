package dev.spikeforge.runtime.sim.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text stream with a cap on their length, so a file that is one endless line (or not
 * text at all) fails at the cap instead of being read whole into one string. Ends of line are \n,
 * \r\n or \r.
 */
final class BoundedLines {
    private final Reader in;
    private final int max;
    private final char[] buf = new char[8192];
    private int pos, len;
    private long number;
    private boolean pendingLf;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its end, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) return null;
                    number++;
                    return line.toString();
                }
            }
            char c = buf[pos++];
            if (pendingLf) {
                pendingLf = false;
                if (c == '\n') continue;
            }
            any = true;
            if (c == '\n' || c == '\r') {
                pendingLf = c == '\r';
                number++;
                return line.toString();
            }
            if (line.length() == max)
                throw new IOException(
                        "line " + (number + 1) + " is longer than " + max + " characters");
            line.append(c);
        }
    }

    /** 1-based number of the line last returned. */
    long number() {
        return number;
    }
}
