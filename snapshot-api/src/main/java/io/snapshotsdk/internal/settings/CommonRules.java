package io.snapshotsdk.internal.settings;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.http.Endpoints;
import java.time.Duration;
import java.util.List;

/** The rules of the common settings, checked by every provider's settings type. */
public final class CommonRules {
    private CommonRules() {}

    /** Adds to {@code out} every rule {@code s} breaks. */
    public static void check(CommonSettings s, List<Violation> out) {
        s.endpoint().ifPresent(e -> {
            String problem = Endpoints.problem(e, s.allowInsecureHttp());
            if (problem != null) {
                out.add(new Violation("endpoint", problem));
            }
        });
        s.region().filter(String::isBlank).ifPresent(r -> out.add(new Violation("region", "must not be blank")));
        positive("connectTimeout", s.connectTimeout(), out);
        positive("requestTimeout", s.requestTimeout(), out);
        if (s.maxAttempts() < 1 || s.maxAttempts() > 10) {
            out.add(new Violation("maxAttempts", "must be 1 to 10, was " + s.maxAttempts()));
        }
    }

    private static void positive(String key, Duration d, List<Violation> out) {
        if (d.isNegative() || d.isZero()) {
            out.add(new Violation(key, "must be positive, was " + d));
        }
    }
}
