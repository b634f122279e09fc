package dev.spikeforge.cli.output;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The --json line is strict JSON: non-finite numbers become null wherever they sit, finite ones
 * keep their value.
 */
class JsonLineTest {
    record Layer(String name, double rate, float error) {}

    @Test
    void nonFiniteNumbersArePrintedAsNullEverywhere() {
        String line =
                new JsonLine()
                        .put("accuracy", Double.NaN)
                        .put("energy_j", 2.5e-6)
                        .put("ratio", Double.POSITIVE_INFINITY)
                        .put("rates", new double[] {0.1, Double.NaN})
                        .put("losses", List.of(1.0, Double.NEGATIVE_INFINITY))
                        .put("per_layer", List.of(new Layer("l0", Float.NaN, Float.NaN)))
                        .put("nested", Map.of("x", Double.NaN))
                        .put("count", 3)
                        .render();
        assertFalse(line.contains("NaN") || line.contains("Infinity"), line);
        // a strict reader accepts it
        JsonReader strict = new JsonReader(new StringReader(line));
        strict.setLenient(false);
        JsonObject o = JsonParser.parseReader(strict).getAsJsonObject();
        assertTrue(o.get("accuracy").isJsonNull());
        assertTrue(o.get("ratio").isJsonNull());
        assertEquals(2.5e-6, o.get("energy_j").getAsDouble());
        assertEquals(0.1, o.getAsJsonArray("rates").get(0).getAsDouble());
        assertTrue(o.getAsJsonArray("rates").get(1).isJsonNull());
        assertTrue(o.getAsJsonArray("losses").get(1).isJsonNull());
        assertTrue(o.getAsJsonArray("per_layer").get(0).getAsJsonObject().get("rate").isJsonNull());
        assertTrue(
                o.getAsJsonArray("per_layer").get(0).getAsJsonObject().get("error").isJsonNull());
        assertTrue(o.getAsJsonObject("nested").get("x").isJsonNull());
        assertEquals(3, o.get("count").getAsInt());
    }
}
