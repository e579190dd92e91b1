package io.snapshotsdk.testkit;

/** Everything {@link AliyunEmulatorTest} shows, again with the V1 signature: HMAC-SHA1 over the sorted query. */
class AliyunV1EmulatorTest extends AliyunEmulatorTest {
    @Override
    protected String signatureVersion() {
        return "v1";
    }
}
