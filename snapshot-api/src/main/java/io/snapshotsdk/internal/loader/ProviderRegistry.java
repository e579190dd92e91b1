package io.snapshotsdk.internal.loader;

import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.spi.SnapshotProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The providers one class loader can see, found by {@link ServiceLoader}. Loading is strict: two
 * providers with one id are an error naming both classes, and a provider that fails to load is
 * reported (and logged) while the others still work.
 */
public final class ProviderRegistry {
    /** The artifacts to add when no provider is installed. */
    public static final List<String> PROVIDER_ARTIFACTS = List.of(
            "io.snapshotsdk:snapshot-azure", "io.snapshotsdk:snapshot-yandex", "io.snapshotsdk:snapshot-aws-sgw",
            "io.snapshotsdk:snapshot-aliyun", "io.snapshotsdk:snapshot-openstack");

    private static final System.Logger LOG = System.getLogger("io.snapshotsdk.loader");
    // A broken services file could otherwise make the iterator fail forever.
    private static final int MAX_FAILURES = 100;

    private final Map<String, List<SnapshotProvider>> byId;
    private final List<String> failures;

    private ProviderRegistry(Map<String, List<SnapshotProvider>> byId, List<String> failures) {
        this.byId = byId;
        this.failures = failures;
    }

    /** Finds the providers visible to {@code loader}. */
    public static ProviderRegistry load(ClassLoader loader) {
        Map<String, List<SnapshotProvider>> byId = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<SnapshotProvider> it = ServiceLoader.load(SnapshotProvider.class, loader).iterator();
        while (failures.size() < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                SnapshotProvider p = it.next();
                String id = p.id();
                byId.computeIfAbsent(id, k -> new ArrayList<>(1)).add(p);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                String failure = describe(e);
                failures.add(failure);
                LOG.log(Level.WARNING, "a snapshot provider failed to load: " + failure);
            }
        }
        return new ProviderRegistry(byId, List.copyOf(failures));
    }

    /** Returns the ids of the providers that loaded, sorted. */
    public Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }

    /** Returns what went wrong with each provider that failed to load. */
    public List<String> failures() {
        return failures;
    }

    /**
     * Returns the provider with {@code id}.
     *
     * @throws InvalidRequestException if none has it, listing the installed ids and any failures
     * @throws IllegalStateException if two or more have it, naming their classes
     */
    public SnapshotProvider get(String id) {
        List<SnapshotProvider> found = byId.get(id);
        if (found == null) {
            throw new InvalidRequestException(id, "providerId", unknownMessage(id));
        }
        if (found.size() > 1) {
            List<String> classes = new ArrayList<>();
            found.forEach(p -> classes.add(p.getClass().getName()));
            throw new IllegalStateException("more than one snapshot provider has the id '" + id + "': "
                    + String.join(", ", classes) + "; keep one of them on the class path or module path");
        }
        return found.get(0);
    }

    private String unknownMessage(String id) {
        StringBuilder s = new StringBuilder();
        if (byId.isEmpty()) {
            s.append("no snapshot provider is installed; add one of ")
                    .append(String.join(", ", PROVIDER_ARTIFACTS))
                    .append(" to the class path or module path");
        } else {
            s.append("no provider '").append(id).append("' is installed; installed providers: ")
                    .append(String.join(", ", ids()));
        }
        if (!failures.isEmpty()) {
            s.append("; providers that failed to load: ").append(String.join("; ", failures));
        }
        return s.toString();
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append(" <- ").append(c.getClass().getName());
            if (c.getMessage() != null) {
                s.append(": ").append(c.getMessage());
            }
        }
        return s.toString();
    }
}
