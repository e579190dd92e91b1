package io.snapshotsdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.spi.ProviderContext;
import io.snapshotsdk.testprovider.TestJsonSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public values: required fields, invariants, no nulls, secrets masked. */
class ValuesTest {

    @Test
    void aRequestNeedsASourceAndDefaultsTheRest() {
        CreateSnapshotRequest r = CreateSnapshotRequest.builder().sourceId("d-1").build();
        assertThat(r.name()).isEmpty();
        assertThat(r.description()).isEmpty();
        assertThat(r.tags()).isEmpty();
        assertThat(r.idempotencyToken()).isEmpty();
        assertThat(r.options()).isEmpty();
        assertThatThrownBy(() -> CreateSnapshotRequest.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sourceId");
        assertThatThrownBy(() -> CreateSnapshotRequest.builder().sourceId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CreateSnapshotRequest.builder().sourceId("d").putTags("k", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tagsKeepTheirOrderAndCannotBeChanged() {
        CreateSnapshotRequest r = CreateSnapshotRequest.builder().sourceId("d").putTags("b", "2").putTags("a", "1").build();
        assertThat(r.tags().keySet()).containsExactly("b", "a");
        assertThatThrownBy(() -> r.tags().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theIdempotencyTokenIsMaskedWhenPrinted() {
        CreateSnapshotRequest r = CreateSnapshotRequest.builder().sourceId("d").idempotencyToken("tok-123456").build();
        assertThat(r.toString()).doesNotContain("tok-123456").contains("****");
    }

    @Test
    void settingsAndContextsMaskTheirSecrets() {
        TestJsonSettings s = TestJsonSettings.builder().endpoint(URI.create("https://x.example.com")).token("bearer-secret").build();
        assertThat(s.toString()).doesNotContain("bearer-secret");
        ProviderContext c = ProviderContext.of(Map.of("password", "hunter2"));
        assertThat(c.toString()).doesNotContain("hunter2");
    }

    @Test
    void aSnapshotChecksItsInvariants() {
        Snapshot.Builder ok = Snapshot.builder().id("s").providerId("p").state(SnapshotState.CREATING);
        assertThat(ok.build().progressPercent()).isEmpty();
        assertThatThrownBy(() -> Snapshot.builder().id("s").providerId("p").state(SnapshotState.READY).progressPercent(101).build())
                .hasMessageContaining("progressPercent");
        assertThatThrownBy(() -> Snapshot.builder().id(" ").providerId("p").state(SnapshotState.READY).build())
                .hasMessageContaining("id");
        assertThatThrownBy(() -> Snapshot.builder().id("s").providerId("p").state(SnapshotState.READY).sizeBytes(-1).build())
                .hasMessageContaining("sizeBytes");
    }

    @Test
    void statesKnowWhetherTheyAreTerminal() {
        assertThat(SnapshotState.READY.isTerminal()).isTrue();
        assertThat(SnapshotState.FAILED.isTerminal()).isTrue();
        assertThat(SnapshotState.CREATING.isTerminal()).isFalse();
        assertThat(SnapshotState.DELETING.isTerminal()).isFalse();
        assertThat(SnapshotState.UNKNOWN.isTerminal()).isFalse();
    }

    @Test
    void waitOptionsHaveDocumentedDefaultsAndChecks() {
        WaitOptions d = WaitOptions.defaults();
        assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.maxPollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> WaitOptions.builder().timeout(Duration.ZERO).build()).hasMessageContaining("timeout");
        assertThatThrownBy(() -> WaitOptions.builder().pollInterval(Duration.ofSeconds(-1)).build()).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> WaitOptions.builder().pollInterval(Duration.ofMinutes(2)).build()).hasMessageContaining("maxPollInterval");
    }

    @Test
    void errorDetailsCheckTheirRanges() {
        assertThatThrownBy(() -> ErrorDetails.builder().httpStatus(42).errorCode("X").build()).hasMessageContaining("httpStatus");
        assertThatThrownBy(() -> ErrorDetails.builder().httpStatus(400).errorCode("").build()).hasMessageContaining("errorCode");
    }

    @Test
    void aServiceExceptionCarriesAndPrintsWhatTheProviderSaid() {
        ErrorDetails d = ErrorDetails.builder().httpStatus(403).errorCode("IncorrectDiskStatus.CreatingSnapshot")
                .message("A snapshot is being created.").requestId("C8B26B44").retryable(false).build();
        ConflictException e = new ConflictException("aliyun", d);
        assertThat(e.providerId()).isEqualTo("aliyun");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("IncorrectDiskStatus.CreatingSnapshot");
        assertThat(e.requestId()).contains("C8B26B44");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.details()).isEqualTo(d);
        assertThat(e.getMessage()).isEqualTo("aliyun: IncorrectDiskStatus.CreatingSnapshot (HTTP 403, request id C8B26B44): "
                + "A snapshot is being created.");
    }

    @Test
    void anInvalidRequestListsEveryViolation() {
        InvalidRequestException e = new InvalidRequestException("aliyun",
                List.of(new Violation("name", "must start with a letter"), new Violation("tags[acs:x]", "must not start with acs:")));
        assertThat(e.getMessage()).isEqualTo("Invalid request for provider 'aliyun': name: must start with a letter; "
                + "tags[acs:x]: must not start with acs:");
        assertThatThrownBy(() -> new InvalidRequestException("p", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaitTimeoutNamesTheStateItStoppedIn() {
        Snapshot s = Snapshot.builder().id("s-9").providerId("p").state(SnapshotState.CREATING).progressPercent(40).build();
        WaitTimeoutException e = new WaitTimeoutException("p", s, Duration.ofMinutes(5));
        assertThat(e.getMessage()).isEqualTo("snapshot s-9 was still CREATING (40%) after PT5M");
        assertThat(e.lastSeen()).contains(s);
    }

    @Test
    void transportExceptionsSayWhetherAResponseArrived() {
        assertThat(new TransportException("p", "reset", null).httpStatus()).isEmpty();
        TransportException withStatus = new TransportException("p", "not JSON", 200, java.util.Optional.of("r-1"), null);
        assertThat(withStatus.httpStatus()).hasValue(200);
        assertThat(withStatus.requestId()).contains("r-1");
    }
}
