package dev.spikeforge.cli.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable result of a command: one JSON object printed as the last line of stdout. A field put as null
 * is printed as null (not dropped), so readers always find the fields a command documents.
 */
public final class JsonLine {
    private static final Gson GSON = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
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
