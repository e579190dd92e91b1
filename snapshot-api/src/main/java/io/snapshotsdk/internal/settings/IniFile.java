package io.snapshotsdk.internal.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A credentials or config file in INI form, as the clouds' CLIs write them: {@code [section]}
 * headers and {@code key = value} lines. Lines starting with {@code #} or {@code ;} are comments,
 * as is the rest of a line after white space and {@code #} or {@code ;}; indented lines continue a
 * nested property and are skipped. Keys compare in lower case.
 */
public final class IniFile {
    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** Reads {@code path}; a missing file is empty. */
    public static Optional<IniFile> read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8)));
    }

    /** Parses INI text. */
    public static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r?\n")) {
            if (raw.isEmpty() || raw.charAt(0) == ' ' || raw.charAt(0) == '\t') {
                continue;
            }
            String line = stripComment(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).trim(), k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1).trim());
            }
        }
        return new IniFile(sections);
    }

    /** Returns the names of the sections, in file order. */
    public java.util.Set<String> sections() {
        return sections.keySet();
    }

    /** Returns whether section {@code section} exists. */
    public boolean has(String section) {
        return sections.containsKey(section);
    }

    /** Returns {@code key} of {@code section}, when set and not blank. */
    public Optional<String> get(String section, String key) {
        Map<String, String> s = sections.get(section);
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key.toLowerCase(Locale.ROOT))).filter(v -> !v.isBlank());
    }

    private static String stripComment(String line) {
        if (line.startsWith("#") || line.startsWith(";")) {
            return "";
        }
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
