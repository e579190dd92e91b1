package io.snapshotsdk.internal.settings;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a settings map into a provider's typed settings: the common keys of
 * {@link CommonSettings} here, the provider's own keys through {@link #string} and friends.
 * Every problem is collected; {@link #build} reports them all at once, unknown keys included,
 * with the list of known keys. Values of secret keys never appear in a message.
 *
 * <pre>{@code
 * SettingsReader r = SettingsReader.of("azure", context.settings(), context.environment());
 * AzureSettings.Builder b = AzureSettings.builder();
 * r.common(b);
 * r.string("subscriptionId").ifPresent(b::subscriptionId);
 * r.secret("clientSecret", "AZURE_CLIENT_SECRET").ifPresent(b::clientSecret);
 * AzureSettings settings = r.build(b::build);
 * }</pre>
 */
public final class SettingsReader {
    /** The keys every provider reads. */
    public static final List<String> COMMON_KEYS = List.of(
            "endpoint", "region", "allowInsecureHttp", "connectTimeout", "requestTimeout", "maxAttempts");

    private final String providerId;
    private final Map<String, String> settings;
    private final Function<String, Optional<String>> environment;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<Violation> violations = new ArrayList<>();

    private SettingsReader(String providerId, Map<String, String> settings, Function<String, Optional<String>> environment) {
        this.providerId = providerId;
        this.settings = settings;
        this.environment = environment;
    }

    /** Starts reading {@code settings} for {@code providerId}. */
    public static SettingsReader of(String providerId, Map<String, String> settings,
            Function<String, Optional<String>> environment) {
        return new SettingsReader(providerId, settings, environment);
    }

    /** Reads the common keys into {@code builder}. */
    public void common(CommonSettings.Builder<?> builder) {
        string("endpoint").flatMap(v -> uri("endpoint", v)).ifPresent(builder::endpoint);
        string("region").ifPresent(builder::region);
        bool("allowInsecureHttp").ifPresent(builder::allowInsecureHttp);
        duration("connectTimeout").ifPresent(builder::connectTimeout);
        duration("requestTimeout").ifPresent(builder::requestTimeout);
        integer("maxAttempts").ifPresent(builder::maxAttempts);
    }

    /** Reads key {@code key}; blank values count as a violation. */
    public Optional<String> string(String key) {
        known.add(key);
        String v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isBlank()) {
            violations.add(new Violation(key, "must not be blank"));
            return Optional.empty();
        }
        return Optional.of(v.trim());
    }

    /** Reads key {@code key}, else the first of {@code envVars} that is set. */
    public Optional<String> string(String key, String... envVars) {
        Optional<String> v = string(key);
        return v.isPresent() ? v : env(envVars);
    }

    /** Reads secret key {@code key} (value kept as given), else the first of {@code envVars} set. */
    public Optional<String> secret(String key, String... envVars) {
        known.add(key);
        String v = settings.get(key);
        if (v != null) {
            if (v.isBlank()) {
                violations.add(new Violation(key, "must not be blank"));
                return Optional.empty();
            }
            return Optional.of(v);
        }
        return env(envVars);
    }

    /** Reads key {@code key} as {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        return string(key).flatMap(v -> {
            if (v.equalsIgnoreCase("true")) {
                return Optional.of(true);
            }
            if (v.equalsIgnoreCase("false")) {
                return Optional.of(false);
            }
            violations.add(new Violation(key, "must be true or false, was '" + v + "'"));
            return Optional.empty();
        });
    }

    /** Reads key {@code key} as a decimal integer. */
    public Optional<Integer> integer(String key) {
        return string(key).flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                violations.add(new Violation(key, "must be an integer, was '" + v + "'"));
                return Optional.empty();
            }
        });
    }

    /** Reads key {@code key} as an ISO-8601 duration such as {@code PT10S}. */
    public Optional<Duration> duration(String key) {
        return string(key).flatMap(v -> {
            try {
                return Optional.of(Duration.parse(v));
            } catch (DateTimeParseException e) {
                violations.add(new Violation(key, "must be an ISO-8601 duration such as PT10S, was '" + v + "'"));
                return Optional.empty();
            }
        });
    }

    /** Reads key {@code key} as an absolute URI. */
    public Optional<URI> uri(String key) {
        return string(key).flatMap(v -> uri(key, v));
    }

    /** Reads key {@code key} as one of {@code allowed}, ignoring case; returns the allowed spelling. */
    public Optional<String> oneOf(String key, List<String> allowed) {
        return string(key).flatMap(v -> {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v)) {
                    return Optional.of(a);
                }
            }
            violations.add(new Violation(key, "must be one of " + allowed + ", was '" + v + "'"));
            return Optional.empty();
        });
    }

    /** Records a violation found by the provider while reading. */
    public void violation(String key, String rule) {
        violations.add(new Violation(key, rule));
    }

    /**
     * Builds the typed settings and returns them, or throws every violation found: those of
     * reading, unknown keys, and those the settings' own checks raise.
     *
     * @throws InvalidRequestException listing every violation
     */
    public <T> T build(Supplier<T> build) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(known);
        for (String key : unknown) {
            violations.add(new Violation(key, "unknown setting for provider '" + providerId + "'; known settings: "
                    + String.join(", ", new TreeSet<>(known))));
        }
        T built = null;
        try {
            if (violations.isEmpty()) {
                built = build.get();
            }
        } catch (InvalidRequestException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(providerId, violations);
        }
        return built;
    }

    private Optional<String> env(String... envVars) {
        for (String name : envVars) {
            Optional<String> v = environment.apply(name).filter(s -> !s.isBlank());
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private Optional<URI> uri(String key, String value) {
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            violations.add(new Violation(key, "must be a URL, was '" + value + "'"));
            return Optional.empty();
        }
    }
}
