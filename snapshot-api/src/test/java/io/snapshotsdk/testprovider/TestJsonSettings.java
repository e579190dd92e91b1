package io.snapshotsdk.testprovider;

import io.snapshotsdk.CommonSettings;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.internal.settings.CommonRules;
import io.snapshotsdk.spi.ValueStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Settings of the test provider: the common ones, a required endpoint and a bearer token. */
@Value.Immutable
@ValueStyle
public abstract class TestJsonSettings implements CommonSettings {
    TestJsonSettings() {}

    /** The bearer token, from setting {@code token} or {@code TEST_JSON_TOKEN}. */
    @Value.Redacted
    public abstract Optional<String> token();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ImmutableTestJsonSettings.Builder implements CommonSettings.Builder<Builder> {
        Builder() {}
    }

    @Value.Check
    void check() {
        List<Violation> v = new ArrayList<>();
        CommonRules.check(this, v);
        if (endpoint().isEmpty()) {
            v.add(new Violation("endpoint", "is required"));
        }
        if (token().isEmpty()) {
            v.add(new Violation("token", "is required (or set TEST_JSON_TOKEN)"));
        }
        if (!v.isEmpty()) {
            throw new InvalidRequestException(TestJsonProvider.ID, v);
        }
    }
}
