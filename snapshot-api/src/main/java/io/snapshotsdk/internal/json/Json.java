package io.snapshotsdk.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON reader and writer every provider uses for wire bodies: Jackson's streaming parser and
 * generator with the tree nodes, and no {@code ObjectMapper}, whose start-up (hundreds of classes,
 * a fifth of a second on a cold JVM) buys nothing for trees. Trees keep field order, so request
 * bodies come out exactly as the provider documents them, and unknown response fields are simply
 * not read. Reading is bounded: 64 levels of nesting, 1 MiB strings, one value per body.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** Returns a new, empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Returns a new, empty array node. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Returns {@code node} as UTF-8 JSON bytes. */
    public static byte[] write(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return out.toByteArray();
    }

    /** Returns {@code node} as JSON text. */
    public static String text(JsonNode node) {
        return new String(write(node), StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(item, g);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            case NULL, MISSING -> g.writeNull();
            default -> throw new IOException("no JSON form for a " + node.getNodeType() + " node");
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
        return read(body).filter(JsonNode::isObject);
    }

    /** Returns {@code body} as one JSON value, or empty when it is not exactly one (or breaks a bound). */
    public static Optional<JsonNode> read(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonNode node = value(p, first);
            return p.nextToken() == null ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Malformed input, a broken bound (JsonProcessingException is an IOException) or bad UTF-8.
            return Optional.empty();
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    a.add(value(p, n));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected " + t);
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
