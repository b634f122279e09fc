package dev.spikeforge.cli.command;

import dev.spikeforge.bridge.server.EmulatedChipServer;
import dev.spikeforge.cli.output.JsonLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;

@Command(name = "serve", description = "Host an emulated chip behind the device wire protocol until interrupted.")
public final class ServeCommand extends CommandBase {
    @Option(names = "--port", paramLabel = "P", defaultValue = "7700", description = "TCP port (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    protected int run(JsonLine result) throws Exception {
        EmulatedChipServer server = new EmulatedChipServer();
        InetSocketAddress addr = server.start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "spikeforge-serve-shutdown"));
        // One line with the bound address, so scripts can wait for it and read the port.
        say("spikeforge device server listening on %s:%d", addr.getHostString(), addr.getPort());
        result.put("host", addr.getHostString()).put("port", addr.getPort());
        if (jsonOption.json) {
            out().println(result.render());
            out().flush();
        }
        server.awaitTermination();
        return 0;
    }
}
