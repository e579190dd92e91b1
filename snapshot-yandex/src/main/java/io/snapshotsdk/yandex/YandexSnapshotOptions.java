package io.snapshotsdk.yandex;

import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.spi.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The {@code Snapshot.Create} fields of Yandex Cloud that have no common field.
 *
 * <pre>{@code
 * CreateSnapshotRequest.builder()
 *         .sourceId("epd89t47vnhdabcdefgh")
 *         .options(YandexSnapshotOptions.builder().folderId("b1gt6g8ht345abcdefgh").build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
@ValueStyle
public abstract class YandexSnapshotOptions implements ProviderOptions {
    YandexSnapshotOptions() {}

    /**
     * Returns {@code "yandex"}.
     *
     * @return the provider id
     */
    @Override
    public final String providerId() {
        return YandexSnapshotClient.PROVIDER_ID;
    }

    /**
     * Returns the folder to create the snapshot in, instead of the configured one.
     *
     * @return the folder id
     */
    public abstract Optional<String> folderId();

    /**
     * Returns the hardware generation to record on the snapshot, instead of the disk's.
     *
     * @return the hardware generation
     */
    public abstract Optional<HardwareGeneration> hardwareGeneration();

    /**
     * Returns a new builder.
     *
     * @return a builder with no attribute set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link YandexSnapshotOptions}. */
    public static final class Builder extends ImmutableYandexSnapshotOptions.Builder {
        Builder() {}
    }
}
