package io.snapshotsdk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.OperationFailedException;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.WaitTimeoutException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes results to standard output and failures to standard error, as text for people or as
 * JSON for scripts: one object per line, with the same field names every time (absent values are
 * {@code null}).
 */
final class Output {
    /** The output format. */
    enum Format {
        TEXT,
        JSON
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final Format format;

    Output(PrintStream out, PrintStream err, Format format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    static Format format(Optional<String> value) {
        return switch (value.orElse("text")) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new UsageException("--output is text or json, got '" + value.get() + "'");
        };
    }

    Format format() {
        return format;
    }

    PrintStream out() {
        return out;
    }

    void provider(String id) {
        if (format == Format.JSON) {
            line(out, JSON.createObjectNode().put("provider", id));
        } else {
            out.println(id);
        }
    }

    void snapshot(Snapshot s) {
        if (format == Format.JSON) {
            line(out, json(s));
            return;
        }
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("id", s.id());
        rows.put("provider", s.providerId());
        rows.put("state", s.state() + s.providerState().map(p -> " (" + p + ")").orElse(""));
        if (s.progressPercent().isPresent()) {
            rows.put("progress", s.progressPercent().getAsInt() + "%");
        }
        s.name().ifPresent(v -> rows.put("name", v));
        s.description().ifPresent(v -> rows.put("description", v));
        s.sourceId().ifPresent(v -> rows.put("source", v));
        s.createdAt().ifPresent(v -> rows.put("created", v.toString()));
        if (s.sizeBytes().isPresent()) {
            rows.put("size", s.sizeBytes().getAsLong() + " bytes");
        }
        s.tags().forEach((k, v) -> rows.put("tag " + k, v));
        s.requestId().ifPresent(v -> rows.put("request id", v));
        rows.forEach((k, v) -> out.printf("%-12s %s%n", k, v));
    }

    void deleted(String providerId, String id) {
        if (format == Format.JSON) {
            line(out, JSON.createObjectNode().put("provider", providerId).put("id", id).put("deleted", true));
        } else {
            out.println("deleted " + id);
        }
    }

    /** Writes a failure: its type, the provider, and the cloud's code, status and request id. */
    void failure(Throwable failure, ExitCode code) {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("error", failure instanceof UsageException ? "usage" : failure.getClass().getSimpleName());
        rows.put("exitCode", code.code);
        if (failure instanceof SnapshotException se) {
            rows.put("provider", se.providerId());
        }
        if (failure instanceof ServiceException se) {
            rows.put("code", se.errorCode());
            rows.put("httpStatus", se.httpStatus());
            rows.put("requestId", se.requestId().orElse(null));
            rows.put("retryable", se.isRetryable());
            rows.put("message", se.details().message());
        } else if (failure instanceof TransportException te) {
            rows.put("httpStatus", te.httpStatus().isPresent() ? te.httpStatus().getAsInt() : null);
            rows.put("requestId", te.requestId().orElse(null));
            rows.put("message", failure.getMessage());
        } else if (failure instanceof OperationFailedException oe) {
            rows.put("snapshotId", oe.snapshotId());
            rows.put("code", oe.errorCode().orElse(null));
            rows.put("message", failure.getMessage());
        } else if (failure instanceof WaitTimeoutException we) {
            rows.put("snapshotId", we.lastSeen().map(Snapshot::id).orElse(null));
            rows.put("lastState", we.lastSeen().map(s -> s.state().name()).orElse(null));
            rows.put("message", failure.getMessage());
        } else if (failure instanceof InvalidRequestException ie) {
            rows.put("violations", ie.violations().stream().map(Object::toString).toList());
        } else {
            rows.put("message", String.valueOf(failure.getMessage()));
        }
        if (format == Format.JSON) {
            line(err, JSON.valueToTree(rows));
            return;
        }
        err.println("error: " + rows.remove("error"));
        rows.remove("exitCode");
        rows.forEach((k, v) -> {
            if (v instanceof Iterable<?> list) {
                list.forEach(item -> err.println("  - " + item));
            } else if (v != null) {
                err.printf("  %-11s %s%n", k, v);
            }
        });
        if (code == ExitCode.USAGE) {
            err.println("see 'snapshot-cli --help'");
        }
    }

    static ObjectNode json(Snapshot s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("provider", s.providerId());
        n.put("id", s.id());
        n.put("name", s.name().orElse(null));
        n.put("description", s.description().orElse(null));
        n.put("sourceId", s.sourceId().orElse(null));
        n.put("state", s.state().name());
        n.put("providerState", s.providerState().orElse(null));
        if (s.progressPercent().isPresent()) {
            n.put("progressPercent", s.progressPercent().getAsInt());
        } else {
            n.putNull("progressPercent");
        }
        n.put("createdAt", s.createdAt().map(Object::toString).orElse(null));
        if (s.sizeBytes().isPresent()) {
            n.put("sizeBytes", s.sizeBytes().getAsLong());
        } else {
            n.putNull("sizeBytes");
        }
        ObjectNode tags = n.putObject("tags");
        s.tags().forEach(tags::put);
        n.put("requestId", s.requestId().orElse(null));
        return n;
    }

    private static void line(PrintStream to, Object node) {
        try {
            to.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
