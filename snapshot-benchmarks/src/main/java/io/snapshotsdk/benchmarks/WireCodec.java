package io.snapshotsdk.benchmarks;

import io.snapshotsdk.Snapshot;

/**
 * One provider's wire encoding as its client runs it, for {@link JsonBenchmark}: the create
 * request's body written from a {@code CreateSnapshotRequest}, and the snapshot read from the
 * provider's answer. Each implementation lives in its provider's internal package, so it calls the
 * client's own package-private builders and parsers rather than copies of them.
 */
public interface WireCodec {
    /** Returns the create request's body (or, for RPC-style APIs, its parameters) as the client sends it. */
    Object writeCreate();

    /** Returns the snapshot parsed from the provider's answer bytes, as the client parses them. */
    Snapshot readSnapshot();

    /** Returns the bytes of the benchmark fixture {@code name}, one of the protocol files' bodies. */
    static byte[] fixture(String name) {
        return Clouds.fixture(name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns the codec of {@code provider}. */
    static WireCodec of(String provider) {
        return switch (provider) {
            case "azure" -> new io.snapshotsdk.azure.internal.AzureWireCodec();
            case "yandex" -> new io.snapshotsdk.yandex.internal.YandexWireCodec();
            case "aws-sgw" -> new io.snapshotsdk.aws.sgw.internal.SgwWireCodec();
            case "aliyun" -> new io.snapshotsdk.aliyun.internal.AliyunWireCodec();
            case "openstack" -> new io.snapshotsdk.openstack.internal.OpenStackWireCodec();
            default -> throw new IllegalArgumentException(provider);
        };
    }
}
