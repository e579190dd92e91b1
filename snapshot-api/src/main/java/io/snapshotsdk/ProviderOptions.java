package io.snapshotsdk;

/**
 * Per-request extras that only one provider understands, such as Alibaba Cloud's retention days
 * or Azure's storage type. Each provider module ships its own implementation; a provider rejects
 * another provider's options with {@link InvalidRequestException}.
 *
 * <pre>{@code
 * CreateSnapshotRequest.builder()
 *         .sourceId("d-bp1abc")
 *         .options(AliyunSnapshotOptions.builder().retentionDays(7).build())
 *         .build();
 * }</pre>
 */
public interface ProviderOptions {
    /**
     * Returns the id of the provider these options are for, such as {@code "aliyun"}.
     *
     * @return the provider id
     */
    String providerId();
}
