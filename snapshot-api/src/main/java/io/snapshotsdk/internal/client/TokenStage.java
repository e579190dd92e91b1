package io.snapshotsdk.internal.client;

import io.snapshotsdk.internal.http.Interceptor;
import io.snapshotsdk.internal.http.Request;
import io.snapshotsdk.internal.http.Response;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The authenticate stage of token-based providers: puts the current token on each attempt, and
 * when the service says the token is no longer good, drops it, fetches a new one and sends the
 * request once more.
 *
 * @param <T> the token type
 */
public final class TokenStage<T> implements Interceptor {
    private final TokenCache<T> tokens;
    private final BiFunction<Request, T, Request> apply;
    private final Predicate<Response> tokenRefused;

    /**
     * Creates the stage.
     *
     * @param apply puts a token on a request, such as {@code Authorization: Bearer …}
     * @param tokenRefused recognises the answer that means the token expired or was revoked
     */
    public TokenStage(TokenCache<T> tokens, BiFunction<Request, T, Request> apply, Predicate<Response> tokenRefused) {
        this.tokens = tokens;
        this.apply = apply;
        this.tokenRefused = tokenRefused;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        T token = tokens.get();
        Response response = chain.proceed(apply.apply(chain.request(), token));
        if (response.isSuccessful() || !tokens.refreshable() || !tokenRefused.test(response)) {
            return response;
        }
        tokens.invalidate(token);
        return chain.proceed(apply.apply(chain.request(), tokens.get()));
    }

    /**
     * Returns whether a token a service answered with can go into a header: visible ASCII only,
     * as every token grammar (RFC 6750's b64token, Keystone's, IAM's) is. Anything else is a
     * broken answer, not a credential.
     */
    public static boolean isSendable(String token) {
        return !token.isEmpty() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Returns {@code r} with {@code Authorization: Bearer token}. */
    public static Request bearer(Request r, String token) {
        return r.toBuilder().setHeader("Authorization", "Bearer " + token).build();
    }
}
