package io.snapshotsdk.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.http.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one configured Jackson mapper and the tree helpers providers read and write wire bodies
 * with. Trees keep field order, so request bodies come out exactly as the provider documents
 * them, and unknown response fields are simply not read.
 */
public final class Json {
    /** The shared mapper: unknown properties ignored, bounded nesting, no source in messages. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(1 << 20)
                            .build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /** Returns a new, empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Returns {@code node} as UTF-8 JSON bytes. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Returns the response body as a JSON object.
     *
     * @throws TransportException if the body is empty, not JSON, or not an object
     */
    public static JsonNode readObject(String providerId, Response response) {
        Optional<JsonNode> node = tryReadObject(response.body());
        if (node.isEmpty()) {
            throw new TransportException(providerId, "HTTP " + response.status() + " response to "
                    + response.request().operation() + " is not the JSON object the provider documents"
                    + (response.body().length == 0 ? " (empty body)" : ""),
                    response.status(), response.requestId(), null);
        }
        return node.get();
    }

    /** Returns {@code body} as a JSON object, or empty when it is not one. */
    public static Optional<JsonNode> tryReadObject(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Returns the text of field {@code name}; numbers and booleans as their text. */
    public static Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** Returns field {@code name} as a long, whether sent as a number or as a decimal string. */
    public static OptionalLong int64(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return OptionalLong.of(v.longValue());
        }
        if (v.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(v.asText().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the string-valued fields of object field {@code name}; empty when absent. */
    public static Map<String, String> stringMap(JsonNode node, String name) {
        JsonNode v = node.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }
}
