package io.snapshotsdk.reliability;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Values that must never reach a URL path or query: traversal in every spelling ({@code ..},
 * {@code %2e%2e}, {@code ..%2f}), separators ({@code /}, {@code \}, {@code %2F}), query and
 * fragment marks, every C0 and C1 control character (CR, LF and NUL included), invisible and
 * look-alike Unicode (fullwidth solidus, division slash, fraction slash, one-dot leader, ...),
 * lone surrogates, over-long and empty or blank values. Each is combined with a valid value of
 * the field: before it, after it and inside it, so that a check of only the first or last
 * character, or of the whole value against a short list, lets some through.
 */
final class HostileValues {
    /** Fragments no identifier of any provider may hold. */
    static final List<String> FRAGMENTS = fragments();

    /** Whole values that are hostile on their own. */
    static final List<String> WHOLE = List.of("", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u200b", ".", "..", "...", "./",
        "../", "../..", "..\\..", "../../../../etc/passwd", "..%2f..%2f", "%2e%2e", "%2E%2E", "%2e%2e%2f", "%252e%252e%252f", "%2F", "/",
        "//", "\\", "?", "#", "?x=1", "#x", "&Action=DeleteSnapshot", "\u0000", "\uff0f", "\u2215", "\uff0e\uff0e", "\u2024\u2024");

    private HostileValues() {}

    private static List<String> fragments() {
        List<String> f = new ArrayList<>(List.of("../", "/..", "..\\", "..%2f", "%2e%2e", "%2E%2E%2F", "%2F", "%2f", "/", "//", "\\", "%5C",
            "?", "#", "&", "=", ";", "%", "%00", "%0d%0a", "%25", "+", " ", "<", ">", "\"", "'", "`", "{", "}", "|", "^", "[", "]", "@",
            "*", "$", "!", ",", "~",
            // Invisible, separating and look-alike characters.
            "\u00a0", "\u2028", "\u2029", "\u200b", "\u200e", "\u202e", "\ufeff", "\u3000", "\uff0f", "\u2215", "\u2044", "\u29f8",
            "\u2571", "\uff3c", "\ufe68", "\u29f5", "\uff0e", "\u2024", "\u3002", "\ufe52", "\uff1f", "\uff03", "\uff05", "\u0338",
            "\ud800", "\udfff", "\uD83D\uDCA5"));
        for (char c = 0; c < 0x20; c++) {
            f.add(String.valueOf(c));
        }
        for (char c = 0x7f; c <= 0x9f; c++) {
            f.add(String.valueOf(c));
        }
        f.add("\r\n");
        return List.copyOf(f);
    }

    /**
     * Returns the hostile values of a field whose valid value is {@code valid} and whose longest
     * value is {@code maxLength}, plus {@code ruleViolations} (the field's own rules from its seed);
     * only fragments that {@code hostile} accepts are used (all, for identifiers).
     */
    static List<String> forField(String valid, int maxLength, Predicate<String> hostile, String... ruleViolations) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : WHOLE) {
            if (hostile.test(w)) {
                out.add(w);
            }
        }
        int middle = valid.length() / 2;
        for (String f : FRAGMENTS) {
            if (!hostile.test(f)) {
                continue;
            }
            out.add(valid + f);
            out.add(f + valid);
            out.add(valid.substring(0, middle) + f + valid.substring(middle));
        }
        out.add("a".repeat(maxLength + 1));
        out.add(valid + "a".repeat(maxLength));
        out.add("a".repeat(10_000));
        out.add("a".repeat(100_000));
        out.addAll(List.of(ruleViolations));
        return List.copyOf(out);
    }

    /** Returns the hostile values of an identifier: every fragment counts. */
    static List<String> forId(String valid, int maxLength, String... ruleViolations) {
        return forField(valid, maxLength, s -> true, ruleViolations);
    }

    /** Returns whether {@code s} holds a character outside visible ASCII, or none at all. */
    static boolean notVisibleAscii(String s) {
        return s.isEmpty() || s.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f);
    }

    /** Returns {@code s} with control and non-ASCII characters escaped, for failure messages. */
    static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        String shown = s.length() > 60 ? s.substring(0, 40) : s;
        for (char c : shown.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
        return s.length() > 60 ? b + "…(" + s.length() + " chars)" : b.toString();
    }
}
