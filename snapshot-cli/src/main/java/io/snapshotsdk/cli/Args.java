package io.snapshotsdk.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A command's options ({@code --name value} or {@code --name=value}) and its positional words. */
final class Args {
    /** How an option takes values. */
    enum Arity {
        FLAG,
        ONE,
        MANY
    }

    private final String command;
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /** Parses {@code words} against the options {@code spec} allows. */
    static Args parse(String command, List<String> words, Map<String, Arity> spec) {
        Args args = new Args(command);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                args.positional.add(word);
                continue;
            }
            int eq = word.indexOf('=');
            String name = word.substring(2, eq < 0 ? word.length() : eq);
            Arity arity = spec.get(name);
            if (arity == null) {
                throw new UsageException("'" + command + "' has no option --" + name + "; it takes "
                        + spec.keySet().stream().map(n -> "--" + n).toList());
            }
            List<String> values = args.options.computeIfAbsent(name, k -> new ArrayList<>());
            if (arity == Arity.FLAG) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                values.add("true");
                continue;
            }
            String value;
            if (eq >= 0) {
                value = word.substring(eq + 1);
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (arity == Arity.ONE && !values.isEmpty()) {
                throw new UsageException("--" + name + " is given twice");
            }
            values.add(value);
        }
        return args;
    }

    Optional<String> value(String name) {
        List<String> v = options.getOrDefault(name, List.of());
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException("'" + command + "' needs --" + name));
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Returns {@code key=value} options as a map, in the order given. */
    Map<String, String> pairs(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : values(name)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--" + name + " wants key=value, got '" + pair + "'");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    /** Returns the one positional word the command takes, such as a snapshot id. */
    String single(String what) {
        if (positional.size() != 1) {
            throw new UsageException("'" + command + "' takes one " + what + ", got " + positional.size() + " words");
        }
        return positional.get(0);
    }

    void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("'" + command + "' takes no words besides options, got " + positional);
        }
    }

    Optional<Duration> duration(String name) {
        return value(name).map(v -> parseDuration(name, v));
    }

    /** Reads {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h} or an ISO-8601 duration. */
    static Duration parseDuration(String name, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                throw new NumberFormatException(v);
            }
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("--" + name + " must be positive, got '" + text + "'");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException("--" + name + " wants a duration such as 90s, 30m or PT1H, got '" + text + "'");
        }
    }
}
