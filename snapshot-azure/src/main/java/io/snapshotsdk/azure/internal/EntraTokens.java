package io.snapshotsdk.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ServiceException;
import io.snapshotsdk.TransportException;
import io.snapshotsdk.azure.AzureSnapshotClient;
import io.snapshotsdk.internal.client.Parse;
import io.snapshotsdk.internal.client.TokenStage;
import io.snapshotsdk.internal.codec.Rfc3986;
import io.snapshotsdk.internal.http.HttpPipeline;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import io.snapshotsdk.internal.http.ServiceErrors;
import io.snapshotsdk.internal.http.ServiceErrors.Kind;
import io.snapshotsdk.internal.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Fetches ARM tokens from Microsoft Entra ID: the client-credentials grant of a service principal,
 * or the managed identity of the machine through the instance metadata service.
 */
final class EntraTokens {
    static final String ID = AzureSnapshotClient.PROVIDER_ID;

    private EntraTokens() {}

    /** {@code POST {authority}/{tenant}/oauth2/v2.0/token} with the client credentials, form-encoded. */
    static AccessToken clientSecret(HttpPipeline login, URI authorityHost, String tenant, String clientId, String secret,
            String scope, Clock clock) {
        String form = "client_id=" + Rfc3986.encode(clientId)
                + "&scope=" + Rfc3986.encode(scope)
                + "&client_secret=" + Rfc3986.encode(secret)
                + "&grant_type=client_credentials";
        Request r = Request.builder("POST", URI.create(authorityHost + "/" + Rfc3986.encode(tenant) + "/oauth2/v2.0/token"))
                .operation("AcquireToken")
                .body(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
                // Asking for a token twice is harmless.
                .retrySafe(true)
                .build();
        return token(login.send(r), clock);
    }

    /** {@code GET {imds}?api-version=2018-02-01&resource=…} with {@code Metadata: true}. */
    static AccessToken managedIdentity(HttpPipeline imds, URI endpoint, String resource, Optional<String> clientId, Clock clock) {
        String query = "api-version=2018-02-01&resource=" + Rfc3986.encode(resource)
                + clientId.map(c -> "&client_id=" + Rfc3986.encode(c)).orElse("");
        Request r = Request.builder("GET", URI.create(endpoint + "?" + query))
                .operation("AcquireManagedIdentityToken")
                .header("Metadata", "true")
                .build();
        return token(imds.send(r), clock);
    }

    /** Reads a token answer; {@code expires_in} may be a number (Entra) or a string (IMDS). */
    static AccessToken token(Response r, Clock clock) {
        JsonNode n = Json.readObject(ID, r);
        Optional<String> token = Json.text(n, "access_token").filter(TokenStage::isSendable);
        OptionalLong expiresIn = Json.int64(n, "expires_in");
        OptionalLong expiresOn = Json.int64(n, "expires_on");
        // An expiry past any instant is as unusable as none.
        Optional<Instant> expiresAt = expiresIn.isPresent()
                ? Parse.after(clock.instant(), expiresIn.getAsLong())
                : expiresOn.isPresent() ? Parse.epochSecond(expiresOn.getAsLong()) : Optional.empty();
        if (token.isEmpty() || expiresAt.isEmpty()) {
            throw new TransportException(ID, "the token answer has no usable access_token or expiry", r.status(), r.requestId(), null);
        }
        return new AccessToken(token.get(), expiresAt.get());
    }

    /** Maps an Entra ID or IMDS refusal: {@code {"error", "error_description", "error_codes", "trace_id", "correlation_id"}}. */
    static ServiceException error(Response r, Clock clock) {
        Optional<JsonNode> body = Json.tryReadObject(r.body());
        Optional<String> code = body.flatMap(b -> Json.text(b, "error")).filter(c -> !c.isBlank());
        if (code.isEmpty()) {
            return ServiceErrors.fromStatus(ID, r, clock);
        }
        ErrorDetails.Builder d = ServiceErrors.details(r, clock)
                .errorCode(code.get())
                .message(body.flatMap(b -> Json.text(b, "error_description")).orElse(""));
        if (r.requestId().isEmpty()) {
            body.flatMap(b -> Json.text(b, "correlation_id")).ifPresent(d::requestId);
        }
        body.flatMap(b -> Json.text(b, "trace_id")).ifPresent(t -> d.putAttributes("traceId", t));
        Kind kind = r.status() == 429 ? Kind.THROTTLED
                : r.status() >= 500 ? Kind.OTHER
                : r.status() == 403 ? Kind.PERMISSION_DENIED
                : Kind.AUTHENTICATION;
        return ServiceErrors.create(ID, kind, d.build());
    }
}
