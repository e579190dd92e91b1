package io.snapshotsdk.aws.sgw.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS shared config or credentials file: INI sections of {@code key = value}. The credentials
 * file names sections {@code [name]}; the config file {@code [default]} and {@code [profile name]}.
 * Comments start with {@code #} or {@code ;}; indented lines continue a nested property and are
 * skipped.
 */
final class ProfileFile {
    private final Map<String, Map<String, String>> profiles;

    private ProfileFile(Map<String, Map<String, String>> profiles) {
        this.profiles = profiles;
    }

    /** Reads {@code path}; a missing file is empty. */
    static Optional<ProfileFile> read(Path path, boolean configFile) throws IOException {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(path, StandardCharsets.UTF_8), configFile));
    }

    static ProfileFile parse(String text, boolean configFile) {
        Map<String, Map<String, String>> profiles = new HashMap<>();
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
                String name = line.substring(1, line.length() - 1).trim();
                if (configFile) {
                    if (name.startsWith("profile ") || name.startsWith("profile\t")) {
                        name = name.substring("profile".length()).trim();
                    } else if (!name.equals("default")) {
                        current = null;
                        continue;
                    }
                }
                current = profiles.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1).trim());
            }
        }
        return new ProfileFile(profiles);
    }

    /** Returns property {@code key} of profile {@code profile}, when set and not blank. */
    Optional<String> get(String profile, String key) {
        Map<String, String> p = profiles.get(profile);
        return p == null ? Optional.empty() : Optional.ofNullable(p.get(key)).filter(v -> !v.isBlank());
    }

    /** Returns whether the file has profile {@code profile}. */
    boolean has(String profile) {
        return profiles.containsKey(profile);
    }

    private static String stripComment(String line) {
        if (line.startsWith("#") || line.startsWith(";")) {
            return "";
        }
        // An inline comment needs white space before it, so values may contain '#'.
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '#' || c == ';') && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
