package io.snapshotsdk.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP header fields in the order they were added. Names compare case-insensitively; a name may
 * repeat. Immutable.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(List.of(), List.of());

    private final List<String> names;
    private final List<String> values;

    private Headers(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    /** Returns headers with no field. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Copies the JDK's response headers, keeping each name's values in order. */
    public static Headers of(Map<String, List<String>> map) {
        Builder b = new Builder();
        map.forEach((name, vs) -> vs.forEach(v -> b.add(name, v)));
        return b.build();
    }

    /** Returns the number of fields. */
    public int size() {
        return names.size();
    }

    /** Returns the name of field {@code i} as it was added. */
    public String name(int i) {
        return names.get(i);
    }

    /** Returns the value of field {@code i}. */
    public String value(int i) {
        return values.get(i);
    }

    /** Returns the first value of {@code name}. */
    public Optional<String> first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return Optional.of(values.get(i));
            }
        }
        return Optional.empty();
    }

    /** Returns every value of {@code name}, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /** Returns whether {@code name} is present. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** Returns a builder holding these fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.names.addAll(names);
        b.values.addAll(values);
        return b;
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return Redactor.DEFAULT.headers(this);
    }

    /** Builds {@link Headers}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Builder() {}

        /** Adds a field, keeping any field of the same name. */
        public Builder add(String name, String value) {
            names.add(requireToken(name));
            values.add(requireValue(name, value));
            return this;
        }

        /** Replaces every field named {@code name} with one field. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Removes every field named {@code name}. */
        public Builder remove(String name) {
            for (int i = names.size() - 1; i >= 0; i--) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    names.remove(i);
                    values.remove(i);
                }
            }
            return this;
        }

        /** Returns the headers. */
        public Headers build() {
            return names.isEmpty() ? EMPTY : new Headers(List.copyOf(names), List.copyOf(values));
        }
    }

    private static String requireToken(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') {
                throw new IllegalArgumentException("invalid character in header name " + name.toLowerCase(Locale.ROOT));
            }
        }
        return name;
    }

    private static String requireValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // CR and LF would let a value smuggle in a header of its own.
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("control character in the value of header " + name);
            }
        }
        return value;
    }
}
