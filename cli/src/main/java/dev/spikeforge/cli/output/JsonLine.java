package dev.spikeforge.cli.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable result of a command: one JSON object printed as the last line of stdout. A
 * field put as null is printed as null (not dropped), so readers always find the fields a command
 * documents. A number that is not finite (an accuracy over no samples, a diverged loss) is printed
 * as null too: JSON has no NaN or Infinity, and strict readers (jq, most languages' parsers) reject
 * the whole line if it holds one.
 */
public final class JsonLine {
    private static final TypeAdapter<Number> FINITE_OR_NULL =
            new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, Number value) throws IOException {
                    if (value == null || !Double.isFinite(value.doubleValue())) {
                        out.nullValue();
                    } else {
                        out.value(value);
                    }
                }

                @Override
                public Number read(JsonReader in) {
                    throw new UnsupportedOperationException("JsonLine only writes");
                }
            };
    private static final Gson GSON =
            new GsonBuilder()
                    .serializeNulls()
                    .disableHtmlEscaping()
                    .registerTypeAdapter(Double.class, FINITE_OR_NULL)
                    .registerTypeAdapter(double.class, FINITE_OR_NULL)
                    .registerTypeAdapter(Float.class, FINITE_OR_NULL)
                    .registerTypeAdapter(float.class, FINITE_OR_NULL)
                    .create();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonLine put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** Embeds a JSON document (e.g. protobuf's JSON form) as a value rather than as a string. */
    public JsonLine putJson(String key, String json) {
        fields.put(key, JsonParser.parseString(json));
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String render() {
        return GSON.toJson(fields);
    }

    public static String compact(String json) {
        JsonElement e = JsonParser.parseString(json);
        return GSON.toJson(e);
    }
}
