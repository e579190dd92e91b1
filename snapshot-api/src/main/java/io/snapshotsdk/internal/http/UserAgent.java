package io.snapshotsdk.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The {@code User-Agent} every request carries: {@code snapshot-sdk/<version> (<provider>; java/<version>)}. */
public final class UserAgent {
    /** The SDK's version, from the build. */
    public static final String SDK_VERSION = readVersion();

    private UserAgent() {}

    /** Returns the user agent for {@code providerId}. */
    public static String of(String providerId) {
        return "snapshot-sdk/" + SDK_VERSION + " (" + providerId + "; java/" + Runtime.version().feature()
                + "." + Runtime.version().interim() + "." + Runtime.version().update() + ")";
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/io/snapshotsdk/internal/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from snapshot-api");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
