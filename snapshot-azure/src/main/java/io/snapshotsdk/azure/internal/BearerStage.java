package io.snapshotsdk.azure.internal;

import io.snapshotsdk.internal.http.Interceptor;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import java.io.IOException;
import java.util.Set;

/**
 * Puts the current bearer token on each attempt. When ARM answers 401 because the token expired
 * or is not valid any more, the token is dropped, a new one fetched and the request sent once more.
 */
final class BearerStage implements Interceptor {
    private static final Set<String> REFRESH_CODES = Set.of("ExpiredAuthenticationToken", "InvalidAuthenticationToken");

    private final TokenCache tokens;

    BearerStage(TokenCache tokens) {
        this.tokens = tokens;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        AccessToken token = tokens.get();
        Response response = chain.proceed(withToken(chain.request(), token));
        if (response.status() != 401 || !tokens.refreshable()
                || !AzureErrors.code(response).filter(REFRESH_CODES::contains).isPresent()) {
            return response;
        }
        tokens.invalidate(token);
        return chain.proceed(withToken(chain.request(), tokens.get()));
    }

    private static Request withToken(Request r, AccessToken token) {
        return r.toBuilder().setHeader("Authorization", "Bearer " + token.value()).build();
    }
}
