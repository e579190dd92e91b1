package io.snapshotsdk.benchmarks;

import io.snapshotsdk.aliyun.internal.AcsSignature;
import io.snapshotsdk.aws.sgw.internal.AwsCredentials;
import io.snapshotsdk.aws.sgw.internal.SigV4;
import io.snapshotsdk.internal.codec.Hashing;
import io.snapshotsdk.internal.http.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing alone, one create request each: SigV4 with the production signer, and the two
 * Alibaba signatures from their canonical forms to the value sent (V3's {@code Authorization},
 * V1's {@code Signature}).
 */
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningBenchmark {
    private final SigV4 sigV4 = new SigV4("storagegateway", "us-east-1", false);
    private final AwsCredentials aws = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            Optional.empty(), "benchmark");
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final Request sgwCreate = Request.builder("POST", URI.create("https://storagegateway.us-east-1.amazonaws.com/"))
            .header("X-Amz-Target", "StorageGateway_20130630.CreateSnapshot")
            .body(("{\"VolumeARN\":\"arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB\","
                    + "\"SnapshotDescription\":\"nightly backup\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"storage\"},"
                    + "{\"Key\":\"snapshot-sdk:idempotency-token\",\"Value\":\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"}]}")
                    .getBytes(StandardCharsets.UTF_8), "application/x-amz-json-1.1")
            .build();

    private final Map<String, String> ecsCreate = ecsCreate();
    private final Map<String, String> acsHeaders = Map.of("host", "ecs.cn-hangzhou.aliyuncs.com",
            "x-acs-action", "CreateSnapshot", "x-acs-version", "2014-05-26", "x-acs-date", "2026-12-01T12:00:00Z",
            "x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d", "x-acs-content-sha256",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    private static Map<String, String> ecsCreate() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("DiskId", "d-bp1s5fnvk4gn2tws0abcd");
        p.put("SnapshotName", "nightly");
        p.put("Description", "nightly backup");
        p.put("Tag.1.Key", "team");
        p.put("Tag.1.Value", "storage");
        p.put("ClientToken", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        return p;
    }

    @Benchmark
    public Request sigV4() {
        return sigV4.sign(sgwCreate, aws, now);
    }

    @Benchmark
    public String acs3() {
        TreeMap<String, String> signed = AcsSignature.v3SignedHeaders(acsHeaders);
        String canonical = AcsSignature.v3CanonicalRequest("POST", "/", ecsCreate, signed, Hashing.sha256Hex(new byte[0]));
        String signature = AcsSignature.v3Signature("benchmarkSecret0123456789abcd", AcsSignature.v3StringToSign(canonical));
        return AcsSignature.v3Authorization("LTAI5tBenchmarkKeyId", signed, signature);
    }

    @Benchmark
    public String acsV1() {
        Map<String, String> params = new LinkedHashMap<>(ecsCreate);
        params.put("Action", "CreateSnapshot");
        params.put("Version", "2014-05-26");
        params.put("AccessKeyId", "LTAI5tBenchmarkKeyId");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", "3156853299f313e23d1673dc12e1703d");
        params.put("Timestamp", "2026-12-01T12:00:00Z");
        params.put("Format", "JSON");
        params.put("RegionId", "cn-hangzhou");
        String stringToSign = AcsSignature.v1StringToSign("POST", AcsSignature.v1CanonicalQuery(params));
        return AcsSignature.v1Signature("benchmarkSecret0123456789abcd", stringToSign);
    }
}
