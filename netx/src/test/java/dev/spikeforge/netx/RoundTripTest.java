package dev.spikeforge.netx;

import static org.junit.jupiter.api.Assertions.*;

import dev.spikeforge.netx.format.NetxNetwork;
import dev.spikeforge.netx.hdf5.NetxReader;
import dev.spikeforge.netx.hdf5.NetxWriter;
import dev.spikeforge.proto.CompiledLayer;
import dev.spikeforge.proto.CompiledNetwork;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compiled → netx file → compiled gives back the network, and both run the same spikes. */
class RoundTripTest {
    @TempDir Path dir;

    private CompiledNetwork roundTrip(CompiledNetwork c, NetxImporter.Options o) throws Exception {
        Path file = dir.resolve("net.net");
        NetxWriter.write(file, NetxExporter.export(c).network());
        NetxNetwork read = NetxReader.read(file).network();
        return NetxImporter.convert(read, file.toString(), o).network();
    }

    private static NetxImporter.Options defaults() {
        return new NetxImporter.Options(null, null, Nets.loihi2(), 0, false, 1);
    }

    @Test
    void aCompiledNetworkComesBackFieldForFieldAndSpikesTheSame() throws Exception {
        CompiledNetwork c = NetxCompile.compile(Nets.mlp(), Nets.loihi2()).network();
        assertTrue(
                c.getLayers(0).getBiasMantCount() > 0
                        && c.getLayers(1).getRecurrentWeightsCount() > 0,
                "the test needs biases and a recurrent layer");
        CompiledNetwork back = roundTrip(c, defaults());
        for (int i = 0; i < c.getLayersCount(); i++)
            assertEquals(c.getLayers(i), back.getLayers(i), "layer " + i);
        assertEquals(c.getInput(), back.getInput());
        assertEquals(c.getProfile(), back.getProfile());
        assertEquals(c.getCoresList(), back.getCoresList());
        assertEquals(c.getRoutesList(), back.getRoutesList());
        int[][] input = Nets.spikes(40, 40, 0.3, 5);
        List<String> a = Nets.run(c, input), b = Nets.run(back, input);
        assertEquals(a, b);
        assertTrue(
                a.stream().limit(40).anyMatch(s -> !s.startsWith("[] []")),
                "some layer spikes: " + a.subList(0, 5));
    }

    @Test
    void withoutTheRecordTheLayersRunTheSameFromTheNetxFieldsAlone() throws Exception {
        CompiledNetwork c = NetxCompile.compile(Nets.mlp(), Nets.loihi2()).network();
        NetxNetwork n = NetxExporter.export(c).network();
        Path file = dir.resolve("bare.net");
        NetxWriter.write(file, new NetxNetwork(n.layers(), n.tSample(), null));
        CompiledNetwork back =
                NetxImporter.convert(NetxReader.read(file).network(), file.toString(), defaults())
                        .network();
        for (int i = 0; i < c.getLayersCount(); i++) {
            CompiledLayer l = back.getLayers(i);
            assertEquals("layer" + i, l.getName());
            assertEquals(c.getLayers(i).getNeuron(), l.getNeuron());
        }
        int[][] input = Nets.spikes(40, 40, 0.3, 6);
        assertEquals(Nets.run(c, input), Nets.run(back, input));
    }
}
