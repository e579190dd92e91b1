package io.snapshotsdk.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.snapshotsdk.testkit.Fault;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Routes each request to its cloud by the first path segment and plays the injected faults. */
public final class Hub implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("io.snapshotsdk.testkit");

    private final Store store;
    private final Map<String, Emulation> byPrefix = new LinkedHashMap<>();
    private final Map<String, Emulation> byProvider = new LinkedHashMap<>();

    public Hub(Store store) {
        this.store = store;
        for (Emulation e : List.of(new AzureEmulation(store), new YandexEmulation(store), new AwsEmulation(store),
                new AliyunEmulation(store), new OpenStackEmulation(store))) {
            byProvider.put(e.providerId(), e);
            e.prefixes().forEach(p -> byPrefix.put(p, e));
        }
    }

    /** Returns the emulated provider ids. */
    public List<String> providers() {
        return List.copyOf(byProvider.keySet());
    }

    /** Returns the settings of {@code providerId}'s client. */
    public Map<String, String> settings(String providerId, java.net.URI base) {
        Emulation e = byProvider.get(providerId);
        if (e == null) {
            throw new IllegalArgumentException("no emulated provider '" + providerId + "'; emulated: " + byProvider.keySet());
        }
        return e.settings(base);
    }

    /** Returns every credential {@code providerId} accepts, by the client's setting key. */
    public Map<String, String> credentials(String providerId) {
        requireProvider(providerId);
        return byProvider.get(providerId).credentials();
    }

    /** Checks {@code providerId} is emulated. */
    public void requireProvider(String providerId) {
        settings(providerId, java.net.URI.create("http://127.0.0.1"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String first = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
        Emulation e = byPrefix.get(first);
        if (e == null) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Call call = new Call(exchange, first);
        try {
            if (!e.isAuthentication(first, call)) {
                Optional<Fault> fault = store.nextFault(e.providerId());
                if (fault.isPresent() && play(fault.get(), e, call)) {
                    return;
                }
            }
            e.handle(first, call);
        } catch (RuntimeException | IOException failure) {
            LOG.log(Level.WARNING, "the emulator failed on " + exchange.getRequestMethod() + " " + path, failure);
            if (!call.answered()) {
                call.drop();
            }
        }
    }

    /** Plays a fault; returns whether the call is answered by it. */
    private static boolean play(Fault f, Emulation e, Call call) throws IOException {
        switch (f.kind()) {
            case THROTTLE -> e.throttle(call, f.duration().orElseThrow());
            case SERVER_ERROR -> e.serverError(call);
            case DROP_CONNECTION -> call.drop();
            case DELAY -> {
                try {
                    Thread.sleep(f.duration().orElseThrow().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
