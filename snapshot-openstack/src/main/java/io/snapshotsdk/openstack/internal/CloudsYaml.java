package io.snapshotsdk.openstack.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code clouds.yaml} and {@code secure.yaml}: the nested mappings and plain, single- or
 * double-quoted scalars these files use, flattened to dotted keys such as
 * {@code clouds.devstack.auth.auth_url}. Sequences and flow collections are not needed for
 * authentication and are skipped; a YAML library would be a dependency for this one file.
 */
final class CloudsYaml {
    private CloudsYaml() {}

    /** Returns every scalar of {@code text} under its dotted path. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        for (String raw : text.split("\r?\n")) {
            String line = stripComment(raw);
            if (line.isBlank() || line.trim().equals("---")) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.substring(indent).trim();
            if (content.startsWith("- ") || content.equals("-")) {
                continue;
            }
            int colon = keyEnd(content);
            if (colon < 0) {
                continue;
            }
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                path.pop();
            }
            String key = unquote(content.substring(0, colon).trim());
            String value = content.substring(colon + 1).trim();
            String prefix = String.join(".", reversed(path));
            String full = prefix.isEmpty() ? key : prefix + "." + key;
            if (value.isEmpty()) {
                indents.push(new int[] {indent});
                path.push(key);
            } else if (!value.startsWith("[") && !value.startsWith("{") && !value.startsWith("&") && !value.startsWith("*")) {
                out.put(full, unquote(value));
            }
        }
        return out;
    }

    /** Returns the value at {@code clouds.<cloud>.<key>}. */
    static Optional<String> get(Map<String, String> yaml, String cloud, String key) {
        return Optional.ofNullable(yaml.get("clouds." + cloud + "." + key)).filter(v -> !v.isBlank());
    }

    private static int keyEnd(String content) {
        if (content.startsWith("\"") || content.startsWith("'")) {
            int close = content.indexOf(content.charAt(0), 1);
            return close < 0 ? -1 : content.indexOf(':', close);
        }
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            String inner = v.substring(1, v.length() - 1);
            return v.charAt(0) == '\'' ? inner.replace("''", "'") : inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static Iterable<String> reversed(Deque<String> path) {
        Deque<String> r = new ArrayDeque<>();
        path.forEach(r::push);
        return r;
    }
}
