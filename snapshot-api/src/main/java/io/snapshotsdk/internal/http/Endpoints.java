package io.snapshotsdk.internal.http;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.internal.codec.Rfc3986;
import java.net.URI;
import java.util.Locale;

/**
 * The safety rails on where requests go: {@code https} only unless plain HTTP was allowed, no
 * user-info, and poll or {@code Location} URLs only on the endpoint's own origin. Path segments
 * are percent-encoded here and nowhere else.
 */
public final class Endpoints {
    private Endpoints() {}

    /**
     * Returns {@code endpoint} without a trailing slash, after checking it is an absolute
     * {@code https} URL (or {@code http} when {@code allowInsecureHttp}) with a host and no
     * user-info, query or fragment.
     *
     * @throws InvalidRequestException naming {@code setting} when it is not
     */
    public static URI checkEndpoint(String providerId, String setting, URI endpoint, boolean allowInsecureHttp) {
        String problem = problem(endpoint, allowInsecureHttp);
        if (problem != null) {
            throw new InvalidRequestException(providerId, setting, problem);
        }
        String s = endpoint.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : endpoint;
    }

    /** Returns what is wrong with {@code endpoint}, or {@code null} when nothing is. */
    public static String problem(URI endpoint, boolean allowInsecureHttp) {
        if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
            return "must be an absolute URL with a host";
        }
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowInsecureHttp) {
            return "must use https (set allowInsecureHttp=true to permit plain http, for local tests only)";
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must use https";
        }
        if (endpoint.getRawUserInfo() != null) {
            return "must not contain user-info";
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }

    /**
     * Returns {@code candidate} (a poll or {@code Location} URL the provider sent) after checking
     * it is absolute and on {@code endpoint}'s scheme, host and port.
     *
     * @throws TransportException when it is not; nothing has been sent to it
     */
    public static URI requireSameOrigin(String providerId, URI endpoint, String candidate) {
        URI uri;
        try {
            uri = URI.create(candidate);
        } catch (IllegalArgumentException e) {
            throw new TransportException(providerId, "the provider sent a malformed polling URL", null);
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new TransportException(providerId, "refusing to poll a URL that is not absolute", null);
        }
        if (!sameOrigin(endpoint, uri)) {
            throw new TransportException(providerId, "refusing to poll " + Redactor.DEFAULT.uri(uri)
                    + ": not on the endpoint's origin " + origin(endpoint), null);
        }
        return uri;
    }

    /** Returns whether {@code uri} is absolute and has the scheme, host and port of {@code endpoint}. */
    public static boolean sameOrigin(URI endpoint, URI uri) {
        return uri.isAbsolute()
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getScheme().equalsIgnoreCase(endpoint.getScheme())
                && uri.getHost().equalsIgnoreCase(endpoint.getHost())
                && port(uri) == port(endpoint);
    }

    /** Returns {@code scheme://host:port} of {@code uri}. */
    public static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    /**
     * Returns {@code base} with each of {@code segments} appended as one percent-encoded path
     * segment.
     *
     * @throws InvalidRequestException naming {@code field} when a segment is empty, {@code .} or {@code ..}
     */
    public static URI path(String providerId, String field, URI base, String... segments) {
        StringBuilder s = new StringBuilder(base.toString());
        if (s.length() > 0 && s.charAt(s.length() - 1) == '/') {
            s.setLength(s.length() - 1);
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidRequestException(providerId, field, "must not be empty, '.' or '..'");
            }
            s.append('/').append(Rfc3986.encode(segment));
        }
        return URI.create(s.toString());
    }

    /** Returns the {@code Host} header the JDK sends for {@code uri}: the host, and the port unless it is the scheme's default. */
    public static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
