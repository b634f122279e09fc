package dev.spikeforge.cli.command;

/** A HOST:PORT argument. */
record HostPort(String host, int port) {
    static HostPort parse(String s, String flag) {
        int i = s.lastIndexOf(':');
        try {
            if (i > 0) {
                int p = Integer.parseInt(s.substring(i + 1));
                if (p > 0 && p < 65536) return new HostPort(s.substring(0, i), p);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(flag + ": expected HOST:PORT (e.g. 127.0.0.1:7700), got '" + s + "'");
    }
}
