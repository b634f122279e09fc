package dev.spikeforge.cli.command;

/** A HOST:PORT argument. */
record HostPort(String host, int port) {
    static HostPort parse(String s, String flag) {
        int i = s.lastIndexOf(':');
        try {
            if (i > 0) {
                int p = Integer.parseInt(s.substring(i + 1));
                String host = s.substring(0, i);
                // [::1]:7471: an IPv6 address is bracketed so its colons are not taken for the
                // port's
                if (host.length() > 2 && host.startsWith("[") && host.endsWith("]"))
                    host = host.substring(1, host.length() - 1);
                if (p > 0 && p < 65536 && !host.isEmpty()) return new HostPort(host, p);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new UsageError(
                flag
                        + ": expected HOST:PORT (e.g. 127.0.0.1:7471, port 1..65535), got '"
                        + s
                        + "'");
    }
}
