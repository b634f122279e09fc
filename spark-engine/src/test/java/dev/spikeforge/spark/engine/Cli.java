package dev.spikeforge.spark.engine;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spikeforge.cli.SpikeforgeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * bin/spikeforge's command line in this JVM, with this module (so --engine spark) on the class
 * path.
 */
record Cli(int exitCode, String out, String err) {
    static final String SLICE =
            Path.of("../testdata/fashion-mnist-slice").toAbsolutePath().toString();

    static Cli run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = SpikeforgeCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Cli(cl.execute(args), out.toString(), err.toString());
    }

    JsonObject json() {
        String[] lines = out.strip().split("\n");
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }
}
