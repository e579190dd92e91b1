package io.snapshotsdk.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks credentials in what is logged or put in a message: the values of sensitive headers and
 * query parameters become {@code ****}. Names compare case-insensitively.
 */
public final class Redactor {
    /** The mask that replaces a secret. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-auth-token", "x-subject-token", "x-amz-security-token", "x-acs-security-token",
            "x-ms-authorization-auxiliary");

    private static final Set<String> SECRET_QUERY_PARAMETERS = Set.of(
            "signature", "accesskeyid", "securitytoken", "x-amz-signature", "x-amz-credential",
            "x-amz-security-token", "access_token", "token", "client_secret", "password",
            "sig", "code");

    /** The redactor for the headers and parameters every provider treats as secret. */
    public static final Redactor DEFAULT = new Redactor(SECRET_HEADERS, SECRET_QUERY_PARAMETERS);

    private final Set<String> headers;
    private final Set<String> queryParameters;

    private Redactor(Set<String> headers, Set<String> queryParameters) {
        this.headers = headers;
        this.queryParameters = queryParameters;
    }

    /** Returns a redactor that also masks {@code moreHeaders} and {@code moreQueryParameters}. */
    public Redactor with(Set<String> moreHeaders, Set<String> moreQueryParameters) {
        return new Redactor(union(headers, moreHeaders), union(queryParameters, moreQueryParameters));
    }

    /** Returns whether the value of header {@code name} is masked. */
    public boolean isSecretHeader(String name) {
        return headers.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Returns {@code value}, or the mask when header {@code name} is secret. */
    public String header(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }

    /** Returns the headers as {@code {name: value, …}} with secrets masked. */
    public String headers(Headers h) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < h.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(h.name(i)).append(": ").append(header(h.name(i), h.value(i)));
        }
        return s.append('}').toString();
    }

    /** Returns the URI as text with the values of secret query parameters masked. */
    public String uri(URI uri) {
        String raw = uri.getRawQuery();
        // Host and port only: user-info never reaches a log line.
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (raw == null) {
            return base;
        }
        StringBuilder s = new StringBuilder(base).append('?');
        String[] pairs = raw.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                s.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && queryParameters.contains(decodedLower(name))) {
                s.append(name).append('=').append(MASK);
            } else {
                s.append(pair);
            }
        }
        return s.toString();
    }

    private static String decodedLower(String rawName) {
        return java.net.URLDecoder.decode(rawName.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        b.forEach(x -> out.add(x.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
