package io.snapshotsdk;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A request or a setting broke a rule and nothing was sent to the cloud. Every broken rule is
 * reported at once, each naming its field.
 *
 * <pre>{@code
 * try {
 *     client.createSnapshot(request);
 * } catch (InvalidRequestException e) {
 *     e.violations().forEach(v -> System.err.println(v.field() + ": " + v.rule()));
 * }
 * }</pre>
 */
public class InvalidRequestException extends SnapshotException {
    private static final long serialVersionUID = 1L;

    /**
     * One broken rule.
     *
     * @param field the field or setting, such as {@code "name"} or {@code "tags[env]"}
     * @param rule the rule it broke, in words, such as {@code "must start with a letter"}
     */
    public record Violation(String field, String rule) {
        /**
         * Creates a violation.
         *
         * @param field the field or setting
         * @param rule the rule it broke
         */
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * Returns {@code field: rule}.
         *
         * @return the violation as text
         */
        @Override
        public String toString() {
            return field + ": " + rule;
        }
    }

    // Not serialized: the message keeps the violations as text.
    private final transient List<Violation> violations;

    /**
     * Creates an exception listing {@code violations}.
     *
     * @param providerId the provider id
     * @param violations the broken rules; at least one
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public InvalidRequestException(String providerId, List<Violation> violations) {
        super(providerId, message(providerId, violations), null);
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates an exception for one broken rule.
     *
     * @param providerId the provider id
     * @param field the field or setting
     * @param rule the rule it broke
     */
    public InvalidRequestException(String providerId, String field, String rule) {
        this(providerId, List.of(new Violation(field, rule)));
    }

    /**
     * Returns the broken rules, in the order they were found. Not kept when the exception is
     * serialized; the message still lists them.
     *
     * @return one or more violations; empty only after deserialization
     */
    public List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }

    private static String message(String providerId, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one violation");
        }
        return "Invalid request for provider '" + providerId + "': "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
