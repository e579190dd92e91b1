package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.internal.http.Interceptor;
import io.snapshotsdk.internal.http.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Signs each attempt with SigV4 at the current time, corrected by the clock offset learned from
 * the server. When the server refuses a request as too far from its own time and its
 * {@code Date} header shows the skew, the offset is corrected and the request re-signed and sent
 * once more; a skew refusal means the request was not processed, so this is safe for any call.
 */
final class SigningStage implements Interceptor {
    // AWS accepts requests within five minutes of its clock; a smaller gap is not a skew.
    static final Duration SKEW_THRESHOLD = Duration.ofMinutes(4);

    private final SigV4 signer;
    private final AwsCredentials credentials;
    private final Clock clock;
    private final AtomicReference<Duration> offset;
    private final Function<Response, Optional<String>> errorCode;

    SigningStage(SigV4 signer, AwsCredentials credentials, Clock clock, AtomicReference<Duration> offset,
            Function<Response, Optional<String>> errorCode) {
        this.signer = signer;
        this.credentials = credentials;
        this.clock = clock;
        this.offset = offset;
        this.errorCode = errorCode;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(signer.sign(chain.request(), credentials, now()));
        if (response.isSuccessful() || !errorCode.apply(response).filter(AwsErrors.CLOCK_SKEW::contains).isPresent()) {
            return response;
        }
        Optional<Instant> serverTime = response.header("Date").flatMap(SigningStage::httpDate);
        if (serverTime.isEmpty()) {
            return response;
        }
        Duration skew = Duration.between(clock.instant(), serverTime.get());
        if (skew.abs().compareTo(SKEW_THRESHOLD) < 0) {
            return response;
        }
        offset.set(skew);
        return chain.proceed(signer.sign(chain.request(), credentials, now()));
    }

    private Instant now() {
        return clock.instant().plus(offset.get());
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
