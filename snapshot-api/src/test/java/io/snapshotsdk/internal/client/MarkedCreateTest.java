package io.snapshotsdk.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.ErrorDetails;
import io.snapshotsdk.ThrottledException;
import io.snapshotsdk.internal.http.RetryPolicy;
import io.snapshotsdk.testing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A marked create retries like the pipeline does: within the attempts and the time budget. */
class MarkedCreateTest {
    @Test
    void noAttemptStartsAfterTheTimeBudget() {
        ManualClock clock = ManualClock.start();
        AtomicInteger creates = new AtomicInteger();
        ErrorDetails throttled = ErrorDetails.builder().httpStatus(429).errorCode("Throttling").retryable(true)
                .retryAfter(Duration.ofSeconds(60)).build();

        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> MarkedCreate.run(
                RetryPolicy.defaults(10), clock, clock.sleeper(), () -> {
                    creates.incrementAndGet();
                    throw new ThrottledException("test", throttled);
                }, Optional::empty, false));

        // 60 s apart, the sixth attempt starts at the 5-minute mark and a seventh would start after it.
        assertThat(creates).hasValue(6);
        assertThat(clock.sleeps()).hasSize(5).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(60)));
        assertThat(e.getSuppressed()).hasSize(5);
    }
}
