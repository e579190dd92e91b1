package io.snapshotsdk.openstack.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version and project parts of a Block Storage endpoint URL. */
final class CinderUrls {
    private static final Pattern VERSION = Pattern.compile("/v(\\d)(?:\\.\\d+)?(?=/|$)");

    private CinderUrls() {}

    /** Returns the major version in the URL's path, such as 3 for {@code …/v3/abc}. */
    static Optional<Integer> version(String url) {
        Matcher m = VERSION.matcher(pathOf(url));
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** Returns {@code url} speaking {@code version} instead of the one in its path. */
    static String withVersion(String url, int version) {
        String path = pathOf(url);
        Matcher m = VERSION.matcher(path);
        if (!m.find()) {
            return url.replaceAll("/+$", "") + "/v" + version;
        }
        int at = url.indexOf(path);
        return url.substring(0, at + m.start()) + "/v" + version + url.substring(at + m.end());
    }

    /** Returns whether the URL ends in its version, without a project id after it. */
    static boolean endsWithVersion(String url) {
        return pathOf(url).replaceAll("/+$", "").matches(".*/v\\d(?:\\.\\d+)?");
    }

    private static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "" : url.substring(slash);
    }
}
