package io.snapshotsdk.aliyun;

/** The provider contract again, signed with V1 (the HMAC-SHA1 signed query). */
class AliyunV1ContractTest extends AliyunContractTest {
    @Override
    protected AliyunStubs stubs() {
        return new AliyunStubs(true);
    }
}
