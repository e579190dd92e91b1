package io.snapshotsdk.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.reliability.InMemoryHttpClient.Canned;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a provider's real response into seeded, damaged variants: cut short, wrong JSON types,
 * unknown states, nesting 10,000 deep, strings of one or two megabytes (over the 1 MiB body bound
 * and just under it), fields missing or renamed, duplicate keys, invalid UTF-8, an empty body, a
 * wrong content type, odd statuses and headers, and for XML a DTD, entities and foreign roots.
 * The same seed always gives the same variants, so a failure names the seed that reproduces it.
 */
final class ParserMutations {
    /** The body format of a seed. */
    enum Format { JSON, XML }

    /** A real answer of the provider to start from. */
    record Seed(String label, int status, String contentType, Format format, String body, List<String> headers) {
        static Seed json(String label, int status, String body, String... headers) {
            return new Seed(label, status, "application/json", Format.JSON, body, List.of(headers));
        }

        static Seed xml(String label, int status, String body, String... headers) {
            return new Seed(label, status, "text/xml;charset=UTF-8", Format.XML, body, List.of(headers));
        }
    }

    /** One damaged answer and what was done to it. */
    record Mutant(String description, Canned answer) {}

    /** What a provider's answers hold that is worth damaging on purpose. */
    record Vocabulary(Set<String> stateKeys, List<String> headerNames, List<Seed> errorSeeds) {}

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ONE_MIB = 1 << 20;
    private static final Pattern LEAF = Pattern.compile("<([A-Za-z][\\w.:-]*)>([^<]*)</\\1>");

    private static final String[] HUGE = {"x".repeat(ONE_MIB + 1), "x".repeat(ONE_MIB - 700), "x".repeat(2 * ONE_MIB),
        "é".repeat(ONE_MIB / 2 + 10), "é".repeat(ONE_MIB / 2 - 400), "\uD83D\uDCA5".repeat(ONE_MIB / 4 + 1)};
    private static final Map<String, byte[]> HUGE_JSON = hugeJson();
    private static final Map<String, JsonNode> SEED_TREES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int[] STATUSES = {200, 201, 202, 203, 204, 206, 299, 301, 302, 304, 400, 401, 403, 404, 405, 409,
        410, 412, 413, 415, 422, 429, 500, 501, 502, 503, 504, 599, 600, 999};
    private static final String[] CONTENT_TYPES = {"text/html; charset=utf-8", "application/xml", "text/plain", "application/octet-stream",
        "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x", "image/png", "application/problem+json", "x/y/z", ""};
    private static final String[] JUNK_STATES = {"", " ", "Exploding", "READY ", " ready", "ready", "Ready", "SUCCEEDED", "accomplishedX",
        "null", "undefined", "0", "-1", "\u0000", "ERROR\u0000", "\u2028", "Succeeded\u200b", "\uD83D\uDCA5", "Ａｖａｉｌａｂｌｅ",
        "deleted", "error_restoring", "recoverable", "STATUS_UNSPECIFIED", "Canceled", "Undefined", "InProgress", "progressing",
        "true", "false", "ÄÖÜ", "x".repeat(10_000)};
    private static final String[] JUNK_TIMES = {"", "now", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "1970-01-01", "2026-01-01T25:61:61",
        "2026-01-01T00:00:00+99:99", "2026-01-01T00:00:00.0000000000001Z", "Wed, 21 Oct 2015 07:28:00 GMT", "1e309", "2026-01-01T00:00:00Z\u0000"};
    private static final String[] JUNK_NUMBERS = {"-1", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "18446744073709551616", "1e3", "1e400", "NaN", "Infinity", " 12 ", "0x10", "12abc", "100%", "101%", "-5%", "1.5", "∞",
        "٣", "1_000"};
    private static final String[] JUNK_HEADERS = {"", " ", "\t", "not a url", "http://evil.test/steal", "https://evil.test:443/x",
        "http://[::1", "http://arm.test:99999/x", "::", "%", "%zz", "/relative/path", "//evil.test/x", "javascript:alert(1)",
        "-1", "0", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "é", "x".repeat(8_000)};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
        (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}, {0}};
    private static final String[] XML_INJECTIONS = {
        "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<!DOCTYPE r SYSTEM \"http://evil.test/x.dtd\">",
        "<?xml version=\"1.1\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "<?xml version=\"1.0\" encoding=\"EBCDIC-XX\"?>",
        "<?xml-stylesheet href=\"x\"?>",
        "<!-- a comment -->",
        "\uFEFF"};

    private final Random random;
    private final Vocabulary vocabulary;

    private static Map<String, byte[]> hugeJson() {
        Map<String, byte[]> out = new java.util.IdentityHashMap<>();
        for (String h : HUGE) {
            out.put(h, ("\"" + h + "\"").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    ParserMutations(long seed, Vocabulary vocabulary) {
        this.random = new Random(seed);
        this.vocabulary = vocabulary;
    }

    /** Returns one damaged variant of {@code seed}: one to three mutations, chosen by the random seed. */
    Mutant mutate(Seed seed) {
        Draft d = new Draft(seed);
        int n = random.nextInt(10) < 7 ? 1 : random.nextInt(3) < 2 ? 2 : 3;
        for (int i = 0; i < n; i++) {
            apply(d);
        }
        return new Mutant(d.description.toString(), d.canned());
    }

    private void apply(Draft d) {
        int pick = random.nextInt(100);
        if (pick < 8) {
            truncate(d);
        } else if (pick < 21) {
            wrongType(d);
        } else if (pick < 31) {
            unknownState(d);
        } else if (pick < 36) {
            deepNesting(d);
        } else if (pick < 37) {
            hugeString(d);
        } else if (pick < 45) {
            missingFields(d);
        } else if (pick < 50) {
            duplicateKeys(d);
        } else if (pick < 56) {
            invalidUtf8(d);
        } else if (pick < 58) {
            d.raw(new byte[0], "empty body");
        } else if (pick < 63) {
            contentType(d);
        } else if (pick < 71) {
            status(d);
        } else if (pick < 77) {
            headers(d);
        } else if (pick < 82) {
            numbers(d);
        } else if (pick < 86) {
            times(d);
        } else if (pick < 90) {
            renameKeys(d);
        } else if (pick < 93) {
            replaceRoot(d);
        } else if (pick < 95) {
            randomBytes(d);
        } else {
            xmlMarkup(d);
        }
    }

    // ---- mutations on the bytes, whatever the format ----

    private void truncate(Draft d) {
        byte[] b = d.bytes();
        if (b.length == 0) {
            d.raw(b, "truncate of an empty body");
            return;
        }
        int at = random.nextInt(b.length);
        d.raw(Arrays.copyOf(b, at), "truncated at " + at + " of " + b.length);
    }

    private void invalidUtf8(Draft d) {
        byte[] b = d.bytes();
        byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        // Prefer a spot inside a string or element text, where a lenient parser would copy it through.
        for (int tries = 0; tries < 20 && b.length > 0; tries++) {
            int c = random.nextInt(b.length);
            if (Character.isLetterOrDigit(b[c])) {
                at = c;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(bad);
        boolean replace = random.nextBoolean() && at < b.length;
        out.write(b, replace ? at + 1 : at, b.length - (replace ? at + 1 : at));
        d.raw(out.toByteArray(), "invalid UTF-8 " + hex(bad) + (replace ? " replacing" : " inserted") + " at " + at);
    }

    private void randomBytes(Draft d) {
        byte[] b = d.bytes();
        if (random.nextBoolean() || b.length < 4) {
            byte[] junk = new byte[1 + random.nextInt(512)];
            random.nextBytes(junk);
            d.raw(junk, "random bytes (" + junk.length + ")");
            return;
        }
        byte[] copy = b.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        d.raw(copy, flips + " bit flips");
    }

    private void contentType(Draft d) {
        String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        d.headers.put("Content-Type", List.of(type));
        d.description.append("content type '").append(type).append("'; ");
        if (random.nextInt(3) == 0) {
            String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
            d.raw(html.getBytes(StandardCharsets.UTF_8), "an HTML page");
        }
    }

    private void status(Draft d) {
        int s = STATUSES[random.nextInt(STATUSES.length)];
        d.status = s;
        d.description.append("status ").append(s).append("; ");
        if (s >= 400 && !vocabulary.errorSeeds().isEmpty() && random.nextBoolean()) {
            Seed error = vocabulary.errorSeeds().get(random.nextInt(vocabulary.errorSeeds().size()));
            d.reset(error);
            d.status = s;
            d.description.append("body of ").append(error.label()).append("; ");
        }
    }

    private void headers(Draft d) {
        List<String> names = new ArrayList<>(vocabulary.headerNames());
        names.add("Retry-After");
        String name = names.get(random.nextInt(names.size()));
        if (random.nextInt(5) == 0) {
            d.headers.remove(name);
            d.description.append("header ").append(name).append(" removed; ");
            return;
        }
        String value = JUNK_HEADERS[random.nextInt(JUNK_HEADERS.length)];
        d.headers.put(name, random.nextInt(4) == 0 ? List.of(value, "second-" + value) : List.of(value));
        d.description.append("header ").append(name).append("='").append(abbreviate(value)).append("'; ");
    }

    private void hugeString(Draft d) {
        // Over the bound (with and without a Content-Length), twice the bound, or just under it.
        String huge = HUGE[random.nextInt(HUGE.length)];
        if (random.nextInt(4) == 0) {
            d.chunked = true;
            d.description.append("no Content-Length; ");
        }
        if (d.format == Format.JSON && d.tree() != null) {
            List<Slot> strings = d.slots(n -> n.isTextual());
            if (!strings.isEmpty()) {
                Slot s = strings.get(random.nextInt(strings.size()));
                s.set(d.placeholder(HUGE_JSON.get(huge)));
                d.description.append("a ").append(huge.length()).append("-char string at ").append(s).append("; ");
                return;
            }
        }
        if (d.format == Format.XML) {
            String text = d.text();
            Matcher m = LEAF.matcher(text);
            List<int[]> leaves = leaves(m);
            if (!leaves.isEmpty()) {
                int[] l = leaves.get(random.nextInt(leaves.size()));
                d.raw((text.substring(0, l[0]) + huge + text.substring(l[1])).getBytes(StandardCharsets.UTF_8),
                        "a " + huge.length() + "-char element text");
                return;
            }
        }
        byte[] b = d.bytes();
        byte[] out = Arrays.copyOf(b, b.length + huge.length());
        Arrays.fill(out, b.length, out.length, (byte) ' ');
        d.raw(out, huge.length() + " trailing spaces");
    }

    private void deepNesting(Draft d) {
        int depth = switch (random.nextInt(5)) {
            case 0 -> 10_000;
            case 1 -> 63 + random.nextInt(3);
            case 2 -> 31 + random.nextInt(3);
            case 3 -> 1_000;
            default -> 100 + random.nextInt(400);
        };
        if (d.format == Format.XML) {
            String text = d.text();
            String deep = "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
            int at = text.indexOf("</", Math.max(0, text.indexOf('>') + 1));
            if (at < 0 || random.nextInt(4) == 0) {
                d.raw(deep.getBytes(StandardCharsets.UTF_8), "XML nested " + depth + " deep as the whole body");
            } else {
                d.raw((text.substring(0, at) + deep + text.substring(at)).getBytes(StandardCharsets.UTF_8), "XML nested " + depth + " deep");
            }
            return;
        }
        boolean arrays = random.nextBoolean();
        String deep = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        if (d.tree() == null || random.nextInt(4) == 0) {
            d.raw(deep.getBytes(StandardCharsets.UTF_8), (arrays ? "arrays" : "objects") + " nested " + depth + " deep as the whole body");
            return;
        }
        List<Slot> slots = d.slots(n -> true);
        if (slots.isEmpty()) {
            d.raw(deep.getBytes(StandardCharsets.UTF_8), (arrays ? "arrays" : "objects") + " nested " + depth + " deep instead of an empty tree");
            return;
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        s.set(d.placeholder(deep.getBytes(StandardCharsets.UTF_8)));
        d.description.append(arrays ? "arrays" : "objects").append(" nested ").append(depth).append(" deep at ").append(s).append("; ");
    }

    // ---- mutations of the JSON tree (or the XML leaves) ----

    private void wrongType(Draft d) {
        if (d.format == Format.XML) {
            xmlLeaf(d, JUNK_NUMBERS, "wrong-typed text");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> slots = d.slots(n -> true);
        if (slots.isEmpty()) {
            replaceRoot(d);
            return;
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        JsonNode before = s.get();
        JsonNode after = otherType(before);
        s.set(after);
        d.description.append("type of ").append(s).append(" ").append(before.getNodeType()).append(" -> ")
                .append(abbreviate(after.toString())).append("; ");
    }

    private JsonNode otherType(JsonNode before) {
        for (int tries = 0; ; tries++) {
            JsonNode n = switch (random.nextInt(16)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.booleanNode(random.nextBoolean());
                case 2 -> NODES.numberNode(random.nextInt(2000) - 1000);
                case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
                case 4 -> NODES.numberNode(new BigInteger("9".repeat(30)));
                case 5 -> NODES.numberNode(new BigDecimal("1e400"));
                case 6 -> NODES.textNode("");
                case 7 -> NODES.textNode("   ");
                case 8 -> NODES.textNode(Integer.toString(random.nextInt()));
                case 9 -> NODES.objectNode();
                case 10 -> NODES.arrayNode();
                case 11 -> NODES.arrayNode().add(1).add("a").addNull();
                case 12 -> NODES.objectNode().set("a", NODES.objectNode().put("b", "c"));
                case 13 -> NODES.textNode("\u0000\u0001\u001f");
                case 14 -> NODES.numberNode(Long.MIN_VALUE);
                default -> NODES.textNode("\uD800");
            };
            if (n.getNodeType() != before.getNodeType() || tries > 5) {
                return n;
            }
        }
    }

    private void unknownState(Draft d) {
        String junk = JUNK_STATES[random.nextInt(JUNK_STATES.length)];
        if (d.format == Format.XML) {
            String text = d.text();
            boolean changed = false;
            for (String key : vocabulary.stateKeys()) {
                Matcher m = Pattern.compile("<" + Pattern.quote(key) + ">[^<]*</" + Pattern.quote(key) + ">").matcher(text);
                if (m.find()) {
                    text = m.replaceAll("<" + key + ">" + Matcher.quoteReplacement(xmlEscape(junk)) + "</" + key + ">");
                    changed = true;
                }
            }
            d.raw(text.getBytes(StandardCharsets.UTF_8), changed ? "state '" + abbreviate(junk) + "'" : "no state to change");
            return;
        }
        if (d.tree() == null) {
            invalidUtf8(d);
            return;
        }
        List<Slot> states = d.slots(n -> true).stream().filter(s -> s.key() != null && vocabulary.stateKeys().contains(s.key())).toList();
        if (states.isEmpty()) {
            wrongType(d);
            return;
        }
        Slot s = states.get(random.nextInt(states.size()));
        JsonNode value = random.nextInt(5) == 0 ? otherType(s.get()) : NODES.textNode(junk);
        s.set(value);
        d.description.append("state ").append(s).append(" = ").append(abbreviate(value.toString())).append("; ");
    }

    private void missingFields(Draft d) {
        if (d.format == Format.XML) {
            String text = d.text();
            List<int[]> leaves = leaves(LEAF.matcher(text));
            if (leaves.isEmpty()) {
                truncate(d);
                return;
            }
            int[] l = leaves.get(random.nextInt(leaves.size()));
            d.raw((text.substring(0, l[2]) + text.substring(l[3])).getBytes(StandardCharsets.UTF_8), "an XML element removed");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> fields = d.slots(n -> true).stream().filter(s -> s.key() != null).toList();
        if (fields.isEmpty()) {
            d.raw("{}".getBytes(StandardCharsets.UTF_8), "an empty object");
            return;
        }
        int remove = random.nextInt(4) == 0 ? fields.size() : 1 + random.nextInt(Math.min(4, fields.size()));
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < remove; i++) {
            Slot s = fields.get(random.nextInt(fields.size()));
            if (s.remove()) {
                removed.add(s.toString());
            }
        }
        d.description.append("removed ").append(removed.size() > 5 ? removed.size() + " fields" : removed).append("; ");
    }

    private void duplicateKeys(Draft d) {
        if (d.format == Format.XML) {
            String text = d.text();
            List<int[]> leaves = leaves(LEAF.matcher(text));
            if (leaves.isEmpty()) {
                truncate(d);
                return;
            }
            int[] l = leaves.get(random.nextInt(leaves.size()));
            String element = text.substring(l[2], l[3]);
            String twin = element.replace(text.substring(l[0], l[1]), xmlEscape(JUNK_STATES[random.nextInt(JUNK_STATES.length)]));
            String out = random.nextBoolean() ? text.substring(0, l[2]) + twin + text.substring(l[2]) : text.substring(0, l[3]) + twin + text.substring(l[3]);
            d.raw(out.getBytes(StandardCharsets.UTF_8), "an XML element twice");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> fields = d.slots(n -> true).stream().filter(s -> s.key() != null).toList();
        if (fields.isEmpty()) {
            d.raw("{\"a\":1,\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8), "only a duplicate key");
            return;
        }
        Slot s = fields.get(random.nextInt(fields.size()));
        ObjectNode parent = (ObjectNode) s.parent;
        JsonNode twin = random.nextBoolean() ? otherType(s.get()) : NODES.textNode(JUNK_STATES[random.nextInt(JUNK_STATES.length)]);
        String marker = d.placeholderKey(s.key());
        boolean first = random.nextBoolean();
        Map<String, JsonNode> rebuilt = new LinkedHashMap<>();
        if (first) {
            rebuilt.put(marker, twin);
        }
        parent.properties().forEach(e -> rebuilt.put(e.getKey(), e.getValue()));
        if (!first) {
            rebuilt.put(marker, twin);
        }
        parent.removeAll();
        rebuilt.forEach(parent::set);
        d.description.append("duplicate key ").append(s).append(first ? " before" : " after").append("; ");
    }

    private void numbers(Draft d) {
        if (d.format == Format.XML) {
            xmlLeaf(d, JUNK_NUMBERS, "odd number");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> numeric = d.slots(n -> n.isNumber() || (n.isTextual() && n.asText().matches("-?[0-9.]+%?")));
        if (numeric.isEmpty()) {
            wrongType(d);
            return;
        }
        Slot s = numeric.get(random.nextInt(numeric.size()));
        String junk = JUNK_NUMBERS[random.nextInt(JUNK_NUMBERS.length)];
        JsonNode value;
        if (random.nextBoolean() && junk.matches("-?[0-9]+")) {
            value = NODES.numberNode(new BigInteger(junk));
        } else if (random.nextInt(4) == 0) {
            value = NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
        } else {
            value = NODES.textNode(junk);
        }
        s.set(value);
        d.description.append("number ").append(s).append(" = ").append(value).append("; ");
    }

    private void times(Draft d) {
        if (d.format == Format.XML) {
            xmlLeaf(d, JUNK_TIMES, "odd time");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> timed = d.slots(n -> n.isTextual() || n.isNumber()).stream().filter(s -> s.key() != null
                && s.key().toLowerCase(Locale.ROOT).matches(".*(time|_at|at$|expires|created|modified).*")).toList();
        if (timed.isEmpty()) {
            wrongType(d);
            return;
        }
        Slot s = timed.get(random.nextInt(timed.size()));
        String junk = JUNK_TIMES[random.nextInt(JUNK_TIMES.length)];
        s.set(NODES.textNode(junk));
        d.description.append("time ").append(s).append(" = '").append(junk).append("'; ");
    }

    private void renameKeys(Draft d) {
        if (d.format == Format.XML) {
            String text = d.text();
            List<int[]> leaves = leaves(LEAF.matcher(text));
            if (leaves.isEmpty()) {
                truncate(d);
                return;
            }
            int[] l = leaves.get(random.nextInt(leaves.size()));
            String element = text.substring(l[2], l[3]);
            String renamed = element.replaceAll("^<([^>]+)>", "<x:$1 xmlns:x=\"urn:x\">").replaceAll("</([^>]+)>$", "</x:$1>");
            if (random.nextBoolean()) {
                renamed = element.toUpperCase(Locale.ROOT);
            }
            d.raw((text.substring(0, l[2]) + renamed + text.substring(l[3])).getBytes(StandardCharsets.UTF_8), "an XML element renamed");
            return;
        }
        if (d.tree() == null) {
            truncate(d);
            return;
        }
        List<Slot> fields = d.slots(n -> true).stream().filter(s -> s.key() != null).toList();
        if (fields.isEmpty()) {
            replaceRoot(d);
            return;
        }
        Slot s = fields.get(random.nextInt(fields.size()));
        String key = s.key();
        String renamed = switch (random.nextInt(6)) {
            case 0 -> key.toUpperCase(Locale.ROOT);
            case 1 -> key.toLowerCase(Locale.ROOT);
            case 2 -> "";
            case 3 -> key + " ";
            case 4 -> " " + key;
            default -> key.replace('a', 'а');
        };
        ObjectNode parent = (ObjectNode) s.parent;
        Map<String, JsonNode> rebuilt = new LinkedHashMap<>();
        parent.properties().forEach(e -> rebuilt.put(e.getKey().equals(key) ? renamed : e.getKey(), e.getValue()));
        parent.removeAll();
        rebuilt.forEach(parent::set);
        d.description.append("key ").append(s).append(" renamed '").append(renamed).append("'; ");
    }

    private void replaceRoot(Draft d) {
        String[] roots = {"[]", "null", "\"a string\"", "42", "true", "{}", "[{}]", "\"\"", "{\"error\":null}", "{}{}", "{} trailing",
            "\uFEFF{}", "{\"a\":1}\u0000", "<html></html>", "[" + d.text() + "]", "{\"value\":" + d.text() + "}"};
        String root = roots[random.nextInt(roots.length)];
        d.raw(root.getBytes(StandardCharsets.UTF_8), "root '" + abbreviate(root) + "'");
    }

    private void xmlMarkup(Draft d) {
        if (d.format == Format.JSON) {
            if (random.nextBoolean()) {
                d.raw(("<?xml version=\"1.0\"?><Error><Code>X</Code></Error>").getBytes(StandardCharsets.UTF_8), "XML instead of JSON");
            } else {
                byte[] utf16 = d.text().getBytes(StandardCharsets.UTF_16);
                d.raw(utf16, "UTF-16 JSON");
            }
            return;
        }
        String text = d.text();
        String injection = XML_INJECTIONS[random.nextInt(XML_INJECTIONS.length)];
        String body = switch (random.nextInt(7)) {
            case 0 -> injection + text.replaceFirst("^<\\?xml[^>]*\\?>", "");
            case 1 -> text.replaceFirst("<([A-Za-z][\\w]*)>", "<$1>&xxe;");
            case 2 -> text.replaceFirst("<([A-Za-z][\\w]*)>", "<$1>&#0;&#xD800;");
            case 3 -> text.replaceFirst("<([A-Za-z][\\w]*)>([^<]*)<", "<$1><![CDATA[$2]]><");
            case 4 -> text.replaceFirst("^(\\s*<)([A-Za-z][\\w]*)", "$1Unexpected$2");
            case 5 -> text + "<second-root/>";
            default -> text.replaceFirst("<([A-Za-z][\\w]*)>", "<$1 a=\"1\" a=\"2\">");
        };
        d.raw(body.getBytes(StandardCharsets.UTF_8), "XML markup: " + abbreviate(injection));
    }

    private void xmlLeaf(Draft d, String[] values, String what) {
        String text = d.text();
        List<int[]> leaves = leaves(LEAF.matcher(text));
        if (leaves.isEmpty()) {
            truncate(d);
            return;
        }
        int[] l = leaves.get(random.nextInt(leaves.size()));
        String value = values[random.nextInt(values.length)];
        d.raw((text.substring(0, l[0]) + xmlEscape(value) + text.substring(l[1])).getBytes(StandardCharsets.UTF_8),
                what + " '" + abbreviate(value) + "'");
    }

    /** Returns {start of text, end of text, start of element, end of element} of every leaf element. */
    private static List<int[]> leaves(Matcher m) {
        List<int[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(2), m.end(2), m.start(), m.end()});
        }
        return out;
    }

    private static String xmlEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '&' -> b.append("&amp;");
                case '\u0000' -> b.append("&#0;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X", x & 0xff));
        }
        return s.toString();
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 40) + "…(" + clean.length() + " chars)";
    }

    /** A place in a JSON tree: an object's field or an array's element. */
    private static final class Slot {
        final JsonNode parent;
        final String field;
        final int index;
        final String path;

        Slot(JsonNode parent, String field, int index, String path) {
            this.parent = parent;
            this.field = field;
            this.index = index;
            this.path = path;
        }

        String key() {
            return field;
        }

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        boolean remove() {
            if (field != null) {
                return ((ObjectNode) parent).remove(field) != null;
            }
            if (index < parent.size()) {
                ((ArrayNode) parent).remove(index);
                return true;
            }
            return false;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** The answer being damaged: a JSON tree while only tree mutations ran, raw bytes after. */
    private static final class Draft {
        int status;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        Format format;
        boolean chunked;
        final StringBuilder description = new StringBuilder();
        private JsonNode tree;
        private byte[] raw;
        private final Map<String, byte[]> substitutions = new LinkedHashMap<>();

        Draft(Seed seed) {
            description.append(seed.label()).append(": ");
            reset(seed);
        }

        void reset(Seed seed) {
            status = seed.status();
            headers.clear();
            headers.put("Content-Type", List.of(seed.contentType()));
            for (int i = 0; i + 1 < seed.headers().size(); i += 2) {
                headers.put(seed.headers().get(i), List.of(seed.headers().get(i + 1)));
            }
            format = seed.format();
            substitutions.clear();
            if (format == Format.JSON) {
                tree = SEED_TREES.computeIfAbsent(seed.body(), body -> {
                    try {
                        return PLAIN.readTree(body);
                    } catch (JsonProcessingException e) {
                        throw new IllegalArgumentException("seed " + seed.label() + " is not JSON", e);
                    }
                }).deepCopy();
                raw = null;
            } else {
                tree = null;
                raw = seed.body().getBytes(StandardCharsets.UTF_8);
            }
        }

        /** Returns the tree, or null once the body is raw bytes. */
        JsonNode tree() {
            return raw == null ? tree : null;
        }

        /** Returns every field and element of the tree whose value passes {@code filter}. */
        List<Slot> slots(java.util.function.Predicate<JsonNode> filter) {
            List<Slot> out = new ArrayList<>();
            collect(tree, "$", filter, out);
            return out;
        }

        private static void collect(JsonNode n, String path, java.util.function.Predicate<JsonNode> filter, List<Slot> out) {
            if (n.isObject()) {
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode child = n.get(name);
                    if (filter.test(child)) {
                        out.add(new Slot(n, name, -1, path + "." + name));
                    }
                    collect(child, path + "." + name, filter, out);
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    if (filter.test(n.get(i))) {
                        out.add(new Slot(n, null, i, path + "[" + i + "]"));
                    }
                    collect(n.get(i), path + "[" + i + "]", filter, out);
                }
            }
        }

        /** Returns a string node that becomes the bytes {@code json} verbatim when the tree is written. */
        JsonNode placeholder(byte[] json) {
            String key = "\u0001p" + substitutions.size() + "\u0001";
            substitutions.put(PLAIN.valueToTree(key).toString(), json);
            return NODES.textNode(key);
        }

        /** Returns a field name that becomes {@code key} when the tree is written, so one object holds it twice. */
        String placeholderKey(String key) {
            String marker = "\u0001k" + substitutions.size() + "\u0001";
            substitutions.put(PLAIN.valueToTree(marker).toString(), PLAIN.valueToTree(key).toString().getBytes(StandardCharsets.UTF_8));
            return marker;
        }

        void raw(byte[] bytes, String what) {
            raw = bytes;
            description.append(what).append("; ");
        }

        byte[] bytes() {
            if (raw != null) {
                return raw;
            }
            try {
                byte[] out = PLAIN.writeValueAsBytes(tree);
                for (Map.Entry<String, byte[]> s : substitutions.entrySet()) {
                    out = replace(out, s.getKey().getBytes(StandardCharsets.UTF_8), s.getValue());
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Returns {@code in} with the first {@code key} replaced by {@code value}; placeholders occur once. */
        private static byte[] replace(byte[] in, byte[] key, byte[] value) {
            outer:
            for (int i = 0; i + key.length <= in.length; i++) {
                for (int j = 0; j < key.length; j++) {
                    if (in[i + j] != key[j]) {
                        continue outer;
                    }
                }
                byte[] out = new byte[in.length - key.length + value.length];
                System.arraycopy(in, 0, out, 0, i);
                System.arraycopy(value, 0, out, i, value.length);
                System.arraycopy(in, i + key.length, out, i + value.length, in.length - i - key.length);
                return out;
            }
            return in;
        }

        String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Canned canned() {
            return new Canned(status, headers, bytes(), chunked);
        }
    }
}
