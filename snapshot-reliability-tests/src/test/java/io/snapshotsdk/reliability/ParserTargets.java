package io.snapshotsdk.reliability;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.WaitOptions;
import io.snapshotsdk.azure.AzureSnapshotOptions;
import io.snapshotsdk.reliability.InMemoryHttpClient.Call;
import io.snapshotsdk.reliability.InMemoryHttpClient.Canned;
import io.snapshotsdk.reliability.ParserMutations.Seed;
import io.snapshotsdk.reliability.ParserMutations.Vocabulary;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every answer each client parses, as the provider documents it (the bodies of the providers'
 * wire fixtures), with the call that makes the client read it: create, get, the long-running
 * operation or its status, the token and catalog, the marker lookup. A target answers its own
 * request with the body under test and every other request (a token fetch, a later poll) with a
 * valid answer, on an in-memory HTTP client.
 */
final class ParserTargets {
    /** What a target makes the client do. */
    @FunctionalInterface
    interface Action {
        void run(SnapshotClient client);
    }

    /**
     * One answer under test.
     *
     * @param hit the request whose answer is damaged
     * @param normal the valid answers to every other request
     */
    record Target(Cloud cloud, String name, Map<String, String> settings, Predicate<Call> hit, Function<Call, Canned> normal,
            List<Seed> seeds, Action action) {}

    /** A short wait: polls of a damaged operation stop within a few simulated minutes. */
    static final WaitOptions WAIT = WaitOptions.builder().timeout(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5))
            .maxPollInterval(Duration.ofSeconds(30)).build();

    private ParserTargets() {}

    /** Returns the targets of {@code cloud}. */
    static List<Target> of(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> Azure.targets();
            case YANDEX -> Yandex.targets();
            case AWS_SGW -> Sgw.targets();
            case ALIYUN -> Aliyun.targets();
            case OPENSTACK -> OpenStack.targets();
        };
    }

    /** Returns the state fields, headers and error bodies of {@code cloud} that mutations aim at. */
    static Vocabulary vocabulary(Cloud cloud) {
        return switch (cloud) {
            case AZURE -> new Vocabulary(Set.of("provisioningState", "status", "createOption", "diskState", "completionPercent", "code"),
                    List.of("Azure-AsyncOperation", "Location", "x-ms-request-id", "x-ms-correlation-request-id"), Azure.ERRORS);
            case YANDEX -> new Vocabulary(Set.of("status", "done", "code", "@type"), List.of("x-request-id", "x-server-trace-id"),
                    Yandex.ERRORS);
            case AWS_SGW -> new Vocabulary(Set.of("status", "progress", "__type", "errorCode", "Code", "snapshotId"),
                    List.of("x-amzn-RequestId", "X-Amzn-Errortype", "x-amz-request-id"), Sgw.ERRORS);
            case ALIYUN -> new Vocabulary(Set.of("Status", "Progress", "Code", "SnapshotId"), List.of("x-acs-request-id", "x-acs-retry-after"),
                    Aliyun.ERRORS);
            case OPENSTACK -> new Vocabulary(Set.of("status", "os-extended-snapshot-attributes:progress", "interface", "type", "rel"),
                    List.of("X-Subject-Token", "x-openstack-request-id", "x-compute-request-id"), OpenStack.ERRORS);
        };
    }

    private static Map<String, String> settings(String... kv) {
        Map<String, String> s = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            s.put(kv[i], kv[i + 1]);
        }
        // One retry keeps the error paths covered and the run short.
        s.put("maxAttempts", "2");
        s.put("allowInsecureHttp", "true");
        return s;
    }

    private static final class Azure {
        static final String ARM = "http://arm.test";
        static final String SUB = "00000000-0000-0000-0000-000000000000";
        static final String GROUP = "myResourceGroup";
        static final String PREFIX = "/subscriptions/" + SUB + "/resourceGroups/" + GROUP + "/providers/Microsoft.Compute/";
        static final String DISK = PREFIX + "disks/myDisk";
        static final String OPERATION = ARM + "/subscriptions/" + SUB
                + "/providers/Microsoft.Compute/locations/westus/DiskOperations/9a062a88?p=b3BhcXVl&api-version=2025-01-02";
        static final Map<String, String> SETTINGS = settings("endpoint", ARM, "authorityHost", "http://login.test", "subscriptionId", SUB,
                "resourceGroup", GROUP, "region", "westus", "tenantId", "tenant-1", "clientId", "app-1", "clientSecret", "s3cret");

        static final String TOKEN = "{ \"token_type\": \"Bearer\", \"expires_in\": 3599, \"access_token\": \"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig\" }";
        static final String IMDS_TOKEN = "{ \"access_token\": \"eyJ0eXAi...\", \"refresh_token\": \"\", \"expires_in\": \"3599\", \"expires_on\": \"1506484173\","
                + " \"not_before\": \"1506480273\", \"resource\": \"https://management.azure.com/\", \"token_type\": \"Bearer\" }";
        static final String TOKEN_ERROR = """
                { "error": "invalid_scope", "error_description": "AADSTS70011: The provided value for the input parameter 'scope' is not valid.",
                  "error_codes": [70011], "timestamp": "2016-01-09 02:02:12Z", "trace_id": "255d1aef-8c98-452f-ac51-23d051240864",
                  "correlation_id": "fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7" }""";
        static final String SNAPSHOT = """
                { "properties": { "osType": "Windows", "hyperVGeneration": "V1",
                    "creationData": { "createOption": "Copy", "sourceResourceId": "%1$sdisks/myDisk", "sourceUniqueId": "d633885d-d102-4481-901e-5b2413d1a7be" },
                    "diskSizeGB": 100,
                    "encryptionSettingsCollection": { "enabled": true, "encryptionSettings": [ { "diskEncryptionKey": {
                      "sourceVault": { "id": "/subscriptions/x/resourceGroups/myResourceGroup/providers/Microsoft.KeyVault/vaults/myVMVault" },
                      "secretUrl": "https://myvmvault.vault-int.azure-int.net/secrets/s" } } ] },
                    "encryption": { "type": "EncryptionAtRestWithPlatformKey" },
                    "timeCreated": "2016-12-28T04:41:35.079872+00:00", "provisioningState": "Succeeded" },
                  "type": "Microsoft.Compute/snapshots", "location": "westus",
                  "tags": { "department": "Development", "project": "Snapshots" },
                  "id": "%1$ssnapshots/mySnapshot", "name": "mySnapshot" }""".formatted(PREFIX);
        static final String INCREMENTAL = """
                { "properties": { "creationData": { "createOption": "Copy", "sourceResourceId": "%1$sdisks/myDisk" },
                    "diskSizeGB": 10, "diskSizeBytes": 10737418240, "incremental": true, "networkAccessPolicy": "0", "diskState": "0",
                    "uniqueId": "a395e4aa-0fc6-4b0b-b8d8-3bbd5b80e5b0", "completionPercent": 42.5,
                    "timeCreated": "2016-12-28T04:41:35.079872+00:00", "provisioningState": "Succeeded" },
                  "sku": { "name": "Standard_ZRS", "tier": "Standard" }, "type": "Microsoft.Compute/snapshots", "location": "westus",
                  "id": "%1$ssnapshots/myIncrementalSnapshot", "name": "myIncrementalSnapshot" }""".formatted(PREFIX);
        static final String SEED_SHAPE = """
                { "accountType": "Standard_LRS", "properties": { "osType": "Windows", "creationData": { "createOption": "Copy" },
                    "diskSizeGB": 10, "timeCreated": "2016-12-28T02:46:21.3322041+00:00", "provisioningState": "Succeeded",
                    "diskState": "Unattached", "copyCompletionError": null },
                  "type": "Microsoft.Compute/snapshots", "location": "westus", "tags": { "department": "Development" },
                  "id": "%1$ssnapshots/mySnapshot1", "name": "mySnapshot1" }""".formatted(PREFIX);
        static final String CREATING = """
                { "id": "%1$ssnapshots/mySnapshot2", "name": "mySnapshot2", "location": "West US",
                  "properties": { "provisioningState": "Updating",
                    "creationData": { "createOption": "Copy", "sourceResourceId": "%1$sdisks/myDisk" } } }""".formatted(PREFIX);
        static final String COPY_FAILED = """
                { "id": "%1$ssnapshots/mySnapshot2", "name": "mySnapshot2", "location": "westus",
                  "properties": { "provisioningState": "Succeeded", "completionPercent": 20,
                    "copyCompletionError": { "errorCode": "CopySourceNotFound", "errorMessage": "gone" },
                    "creationData": { "createOption": "CopyStart", "sourceResourceId": "%1$sdisks/myDisk" } } }""".formatted(PREFIX);
        static final String OPERATION_RUNNING = "{ \"startTime\": \"2017-01-06T18:58:24.7596323+00:00\", \"status\": \"InProgress\","
                + " \"percentComplete\": 30.5, \"name\": \"9a062a88-e463-4697-bef2-fe039df73a02\" }";
        static final String OPERATION_DONE = "{ \"startTime\": \"2017-01-06T18:58:24.7596323+00:00\", \"endTime\": \"2017-01-06T18:59:02.1234567+00:00\","
                + " \"status\": \"Succeeded\", \"name\": \"9a062a88-e463-4697-bef2-fe039df73a02\" }";
        static final String OPERATION_FAILED = "{ \"startTime\": \"2017-01-06T18:58:24.7596323+00:00\", \"status\": \"Failed\", \"name\": \"9a062a88\","
                + " \"error\": { \"code\": \"ResourceNotFound\", \"message\": \"The Resource 'Microsoft.Compute/disks/myDisk' was not found.\" } }";
        static final String DISK_BODY = "{ \"name\": \"myDisk\", \"id\": \"" + DISK + "\", \"properties\": { \"diskSizeGB\": 40,"
                + " \"diskSizeBytes\": 42949672960, \"provisioningState\": \"Succeeded\" } }";
        static final List<Seed> ERRORS = List.of(
                Seed.json("azure InvalidParameter", 400, "{ \"error\": { \"code\": \"InvalidParameter\", \"target\": \"osDisk.managedDisk\","
                        + " \"message\": \"Storage account type 'Premium_LRS' is not supported.\" } }"),
                Seed.json("azure ResourceNotFound", 404, "{ \"error\": { \"code\": \"ResourceNotFound\", \"message\": \"not found\" } }"),
                Seed.json("azure ExpiredAuthenticationToken", 401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"expired\"}}"),
                Seed.json("azure throttled", 429, """
                        { "code": "OperationNotAllowed", "message": "too many requests",
                          "details": [ { "code": "TooManyRequests", "target": "HighCostGet30Min", "message": "{\\"allowedRequestCount\\":800}" } ] }""",
                        "Retry-After", "17"),
                Seed.json("entra invalid_scope", 400, TOKEN_ERROR));

        static Canned normal(Call c) {
            if (c.uri().getHost().equals("login.test")) {
                return Canned.json(200, TOKEN);
            }
            if (c.path().contains("/DiskOperations/")) {
                return Canned.json(200, OPERATION_DONE);
            }
            if (c.path().contains("/disks/")) {
                return Canned.json(200, DISK_BODY);
            }
            return switch (c.method()) {
                case "PUT" -> Canned.json(202, CREATING, "Azure-AsyncOperation", OPERATION, "x-ms-request-id", "9a062a88");
                case "DELETE" -> Canned.json(200, "");
                default -> Canned.json(200, SNAPSHOT, "x-ms-request-id", "9a062a88");
            };
        }

        static List<Target> targets() {
            CreateSnapshotRequest create = CreateSnapshotRequest.builder().sourceId(DISK).name("mySnapshot2").putTags("team", "storage").build();
            CreateSnapshotRequest sized = CreateSnapshotRequest.builder().from(create)
                    .options(AzureSnapshotOptions.builder().diskSizeGB(100).build()).build();
            Snapshot running = Snapshot.builder().id(PREFIX + "snapshots/mySnapshot2").providerId("azure").state(SnapshotState.CREATING)
                    .putAttributes("asyncOperationUrl", OPERATION).build();
            Function<Call, Canned> normal = Azure::normal;
            return List.of(
                    new Target(Cloud.AZURE, "entra token", SETTINGS, c -> c.uri().getHost().equals("login.test"), normal, List.of(
                            Seed.json("entra token", 200, TOKEN),
                            Seed.json("imds-shaped token", 200, IMDS_TOKEN),
                            Seed.json("entra refusal", 400, TOKEN_ERROR, "x-ms-request-id", "abc")),
                            c -> c.getSnapshot("mySnapshot")),
                    new Target(Cloud.AZURE, "create", SETTINGS, c -> c.method().equals("PUT"), normal, List.of(
                            Seed.json("create 202", 202, CREATING, "Azure-AsyncOperation", OPERATION, "Retry-After", "5"),
                            Seed.json("create 202 with Location", 202, CREATING, "Location", OPERATION),
                            Seed.json("create 200", 200, SNAPSHOT),
                            Seed.json("create 201 seed shape", 201, SEED_SHAPE),
                            Seed.json("create copy failed", 200, COPY_FAILED)),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.AZURE, "get", SETTINGS, c -> c.method().equals("GET") && c.path().contains("/snapshots/"), normal, List.of(
                            Seed.json("get", 200, SNAPSHOT, "x-ms-request-id", "1"),
                            Seed.json("get incremental", 200, INCREMENTAL),
                            Seed.json("get seed shape", 200, SEED_SHAPE),
                            Seed.json("get creating", 200, CREATING),
                            Seed.json("get copy failed", 200, COPY_FAILED)),
                            c -> c.getSnapshot("mySnapshot")),
                    new Target(Cloud.AZURE, "operation status", SETTINGS, c -> c.path().contains("/DiskOperations/"), normal, List.of(
                            Seed.json("operation running", 200, OPERATION_RUNNING, "Retry-After", "10"),
                            Seed.json("operation succeeded", 200, OPERATION_DONE),
                            Seed.json("operation failed", 200, OPERATION_FAILED)),
                            c -> c.awaitSnapshot(running, WAIT)),
                    new Target(Cloud.AZURE, "source disk", SETTINGS, c -> c.path().contains("/disks/"), normal, List.of(
                            Seed.json("disk", 200, DISK_BODY),
                            Seed.json("disk seed shape", 200, "{ \"properties\": { \"diskSizeGB\": 50 } }")),
                            c -> c.createSnapshot(sized)));
        }
    }

    private static final class Yandex {
        static final String COMPUTE = "http://compute.test";
        static final String FOLDER = "b1gt6g8ht345abcdefgh";
        static final String SNAPSHOT_ID = "fd8apannhdo9abcdefgh";
        static final Map<String, String> SETTINGS = settings("endpoint", COMPUTE, "folderId", FOLDER, "oauthToken", "y0_AgAAAAexample");
        static final Map<String, String> METADATA_SETTINGS = settings("endpoint", COMPUTE, "folderId", FOLDER, "metadataService", "true",
                "metadataEndpoint", "http://metadata.test");

        static final String IAM_TOKEN = "{ \"iamToken\": \"t1.9euelZqKyc.example\", \"expiresAt\": \"2099-01-01T00:00:00.123456Z\" }";
        static final String METADATA_TOKEN = "{ \"access_token\": \"t1.9euelZqKyc.meta\", \"expires_in\": 43199, \"token_type\": \"Bearer\" }";
        static final String SNAPSHOT = """
                { "id": "fd8apannhdo9abcdefgh", "folderId": "b1gt6g8ht345abcdefgh", "createdAt": "2025-12-05T14:43:03Z",
                  "name": "my-gen2-snapshot", "description": "nightly backup", "labels": { "env": "prod", "owner": "team-a" },
                  "storageSize": "3632267264", "diskSize": "21474836480", "productIds": ["f2ebiogvi127abcdefgh"], "status": "READY",
                  "sourceDiskId": "epd89t47vnhdabcdefgh", "hardwareGeneration": { "generation2Features": {} },
                  "kmsKey": { "keyId": "abj1", "versionId": "abj2" } }""";
        static final String LEGACY = """
                { "id": "fd8apannhdo9abcdefgh", "folderId": "b1gt6g8ht345abcdefgh", "createdAt": "2025-12-05T14:43:03Z",
                  "storageSize": 3632267264, "diskSize": 21474836480, "status": "CREATING", "sourceDiskId": "epd89t47vnhdabcdefgh",
                  "hardwareGeneration": { "legacyFeatures": { "pciTopology": "PCI_TOPOLOGY_V2" } } }""";
        static final String DONE = """
                { "id": "epd473ndlm58abcdefgh", "description": "Create snapshot", "createdAt": "2025-12-05T14:43:02.803028670Z",
                  "createdBy": "ajeol2afu1jsabcdefgh", "modifiedAt": "2025-12-05T14:43:21.112233445Z", "done": true,
                  "metadata": { "@type": "type.googleapis.com/yandex.cloud.compute.v1.CreateSnapshotMetadata",
                    "snapshotId": "fd8apannhdo9abcdefgh", "diskId": "epd89t47vnhdabcdefgh" },
                  "response": %s }""".formatted(SNAPSHOT.replace("{ \"id\"", "{ \"@type\": \"type.googleapis.com/yandex.cloud.compute.v1.Snapshot\", \"id\""));
        static final String FAILED = """
                { "id": "epd473ndlm58abcdefgh", "description": "Create snapshot", "createdAt": "2025-12-05T14:43:02.803028670Z",
                  "done": true, "metadata": { "snapshotId": "fd8apannhdo9abcdefgh", "diskId": "epd89t47vnhdabcdefgh" },
                  "error": { "code": 8, "message": "Quota limit compute.snapshots.count exceeded", "details": [] } }""";
        static final String RUNNING = """
                { "done": false, "metadata": { "@type": "type.googleapis.com/yandex.cloud.compute.v1.CreateSnapshotMetadata",
                    "snapshotId": "fd8apannhdo9abcdefgh", "diskId": "epd89t47vnhdabcdefgh" },
                  "id": "epd473ndlm58abcdefgh", "description": "Create snapshot", "createdAt": "2025-12-05T14:43:02.803028670Z",
                  "createdBy": "ajeol2afu1jsabcdefgh", "modifiedAt": "2025-12-05T14:43:02.803028670Z" }""";
        static final String DELETE = """
                { "id": "epdsnapdel0000000001", "description": "Delete snapshot", "createdAt": "2025-12-06T08:00:00.000000000Z",
                  "done": false, "metadata": { "@type": "type.googleapis.com/yandex.cloud.compute.v1.DeleteSnapshotMetadata",
                    "snapshotId": "fd8apannhdo9abcdefgh" } }""";
        static final List<Seed> ERRORS = List.of(
                Seed.json("yandex INVALID_ARGUMENT", 400, "{ \"code\": 3, \"message\": \"Request validation error\", \"details\": [ {"
                        + " \"@type\": \"type.googleapis.com/google.rpc.RequestInfo\", \"requestId\": \"0b8a7a4e\" } ] }"),
                Seed.json("yandex UNAUTHENTICATED", 401, "{ \"code\": 16, \"message\": \"Token is invalid or has expired.\", \"details\": [ {"
                        + " \"@type\": \"type.googleapis.com/google.rpc.RequestInfo\", \"requestId\": \"e38e71c3\" } ] }"),
                Seed.json("yandex NOT_FOUND", 404, "{ \"code\": 5, \"message\": \"Snapshot fd8nosuchsnapshot000 not found\", \"details\": [] }"),
                Seed.json("yandex UNAVAILABLE", 503, "{ \"code\": 14, \"message\": \"unavailable\" }", "Retry-After", "3"));

        static Canned normal(Call c) {
            String p = c.path();
            if (c.uri().getHost().equals("metadata.test")) {
                return Canned.json(200, METADATA_TOKEN);
            }
            if (p.equals("/iam/v1/tokens")) {
                return Canned.json(200, IAM_TOKEN);
            }
            if (p.startsWith("/operations/")) {
                return Canned.json(200, DONE);
            }
            return switch (c.method()) {
                case "POST" -> Canned.json(200, DONE, "x-request-id", "r-1");
                case "DELETE" -> Canned.json(200, DELETE);
                default -> Canned.json(200, SNAPSHOT, "x-request-id", "r-2");
            };
        }

        static List<Target> targets() {
            CreateSnapshotRequest create = CreateSnapshotRequest.builder().sourceId("epd89t47vnhdabcdefgh").name("nightly")
                    .description("before the upgrade").putTags("team", "storage").build();
            Snapshot running = Snapshot.builder().id(SNAPSHOT_ID).providerId("yandex").state(SnapshotState.CREATING)
                    .putAttributes("operationId", "epd473ndlm58abcdefgh").build();
            Function<Call, Canned> normal = Yandex::normal;
            return List.of(
                    new Target(Cloud.YANDEX, "IAM token", SETTINGS, c -> c.path().equals("/iam/v1/tokens"), normal, List.of(
                            Seed.json("IAM token", 200, IAM_TOKEN),
                            Seed.json("IAM refusal", 401, "{ \"code\": 16, \"message\": \"The token is invalid\" }")),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.YANDEX, "metadata token", METADATA_SETTINGS, c -> c.uri().getHost().equals("metadata.test"), normal,
                            List.of(Seed.json("metadata token", 200, METADATA_TOKEN)),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.YANDEX, "create operation", SETTINGS, c -> c.method().equals("POST") && c.path().equals("/compute/v1/snapshots"),
                            normal, List.of(
                                    Seed.json("create running", 200, RUNNING),
                                    Seed.json("create done", 200, DONE),
                                    Seed.json("create failed", 200, FAILED)),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.YANDEX, "get", SETTINGS, c -> c.method().equals("GET") && c.path().startsWith("/compute/v1/snapshots/"), normal,
                            List.of(Seed.json("get", 200, SNAPSHOT, "x-request-id", "r"), Seed.json("get legacy", 200, LEGACY)),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.YANDEX, "operation", SETTINGS, c -> c.path().startsWith("/operations/"), normal, List.of(
                            Seed.json("operation done", 200, DONE),
                            Seed.json("operation failed", 200, FAILED),
                            Seed.json("operation running", 200, RUNNING)),
                            c -> c.awaitSnapshot(running, WAIT)),
                    new Target(Cloud.YANDEX, "delete operation", SETTINGS, c -> c.method().equals("DELETE"), normal, List.of(
                            Seed.json("delete running", 200, DELETE),
                            Seed.json("delete done", 200, DELETE.replace("\"done\": false", "\"done\": true, \"response\": {}"))),
                            c -> c.deleteSnapshot(SNAPSHOT_ID)));
        }
    }

    private static final class Sgw {
        static final String ARN = "arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB";
        static final Map<String, String> SETTINGS = settings("endpoint", "http://sgw.test", "ec2Endpoint", "http://ec2.test",
                "region", "us-east-1", "accessKeyId", "AKIDEXAMPLE", "secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        static final String CREATED = "{\"VolumeARN\":\"" + ARN + "\",\"SnapshotId\":\"snap-78e22663\"}";
        static final String COMPLETED = """
                <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>12345678-1234-1234-1234-3755ba4b9fa6</requestId>
                  <snapshotSet>
                    <item>
                      <snapshotId>snap-0abcdef1234567890</snapshotId>
                      <volumeId>vol-01234567890abcdef</volumeId>
                      <status>completed</status>
                      <startTime>2025-02-03T23:53:18.195Z</startTime>
                      <progress>100%</progress>
                      <ownerId>123456789012</ownerId>
                      <volumeSize>8</volumeSize>
                      <description>My root volume snapshot</description>
                      <tagSet>
                        <item><key>purpose</key><value>production_backup</value></item>
                        <item><key>Name</key><value>nightly</value></item>
                      </tagSet>
                      <encrypted>true</encrypted>
                      <kmsKeyId>arn:aws:kms:us-east-1:123456789012:key/12345678-abcd-9876-ab12-cd56f438c90b</kmsKeyId>
                      <storageTier>standard</storageTier>
                      <completionTime>2025-02-03T23:56:27.864Z</completionTime>
                      <fullSnapshotSizeInBytes>1770520576</fullSnapshotSizeInBytes>
                    </item>
                  </snapshotSet>
                </DescribeSnapshotsResponse>""";
        static final String PENDING = """
                <DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
                  <snapshotSet>
                    <item>
                      <snapshotId>snap-0abcdef1234567890</snapshotId>
                      <volumeId>vol-1122aabb</volumeId>
                      <status>pending</status>
                      <startTime>2025-02-03T23:53:18.195Z</startTime>
                      <progress>30%</progress>
                      <ownerId>111122223333</ownerId>
                      <volumeSize>15</volumeSize>
                      <description>snapshot description</description>
                      <tagSet/>
                      <encrypted>false</encrypted>
                    </item>
                  </snapshotSet>
                </DescribeSnapshotsResponse>""";
        static final String NONE = "<DescribeSnapshotsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><snapshotSet/></DescribeSnapshotsResponse>";
        static final String DELETED = "<DeleteSnapshotResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><return>true</return></DeleteSnapshotResponse>";
        static final String INTERNAL = "{\"__type\":\"InternalServerError\",\"message\":\"An internal server error has occurred.\","
                + "\"error\":{\"errorCode\":\"InternalError\"}}";
        static final List<Seed> ERRORS = List.of(
                Seed.json("sgw InvalidGatewayRequestException", 400, "{\"__type\":\"InvalidGatewayRequestException\",\"message\":\"The specified"
                        + " volume was not found.\",\"error\":{\"errorCode\":\"VolumeNotFound\",\"errorDetails\":{\"volumeARN\":\"" + ARN + "\"}}}"),
                Seed.json("sgw ServiceUnavailableError", 400, "{\"__type\":\"ServiceUnavailableError\",\"message\":\"unavailable\","
                        + "\"error\":{\"errorCode\":\"ServiceUnavailable\"}}"),
                Seed.json("sgw InternalServerError", 400, INTERNAL),
                Seed.json("json throttling", 400, "{\"__type\":\"com.amazon.coral.availability#ThrottlingException:http://internal\","
                        + "\"message\":\"Rate exceeded\"}"),
                Seed.xml("ec2 error", 400, """
                        <Response><Errors><Error><Code>InvalidSnapshot.NotFound</Code>
                        <Message>The snapshot 'snap-1' does not exist.</Message></Error></Errors>
                        <RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"""),
                Seed.xml("ec2 throttling", 503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message>"
                        + "</Error></Errors><RequestId>r</RequestId></Response>"));

        static Canned normal(Call c) {
            if (c.uri().getHost().equals("sgw.test")) {
                return Canned.json(200, CREATED, "x-amzn-RequestId", "sgw-1");
            }
            return c.text().contains("Action=DeleteSnapshot") ? Canned.xml(200, DELETED) : Canned.xml(200, COMPLETED);
        }

        static Canned failingCreate(Call c) {
            return c.uri().getHost().equals("sgw.test") ? Canned.of(400, "application/x-amz-json-1.1",
                    INTERNAL.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : normal(c);
        }

        static List<Target> targets() {
            CreateSnapshotRequest create = CreateSnapshotRequest.builder().sourceId(ARN).name("nightly").description("before the upgrade")
                    .putTags("team", "storage").build();
            Predicate<Call> describe = c -> c.uri().getHost().equals("ec2.test") && c.text().contains("Action=DescribeSnapshots");
            return List.of(
                    new Target(Cloud.AWS_SGW, "CreateSnapshot", SETTINGS, c -> c.uri().getHost().equals("sgw.test"), Sgw::normal, List.of(
                            Seed.json("CreateSnapshot", 200, CREATED, "x-amzn-RequestId", "a1"),
                            Seed.json("CreateSnapshot without ARN", 200, "{\"SnapshotId\":\"snap-0abcdef1234567890\"}")),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.AWS_SGW, "DescribeSnapshots", SETTINGS, describe, Sgw::normal, List.of(
                            Seed.xml("DescribeSnapshots completed", 200, COMPLETED),
                            Seed.xml("DescribeSnapshots pending", 200, PENDING),
                            Seed.xml("DescribeSnapshots empty", 200, NONE)),
                            c -> c.getSnapshot("snap-0abcdef1234567890")),
                    new Target(Cloud.AWS_SGW, "marker lookup", SETTINGS, describe, Sgw::failingCreate, List.of(
                            Seed.xml("lookup found", 200, COMPLETED),
                            Seed.xml("lookup none", 200, NONE)),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.AWS_SGW, "DeleteSnapshot", SETTINGS, c -> c.text().contains("Action=DeleteSnapshot"), Sgw::normal,
                            List.of(Seed.xml("DeleteSnapshot", 200, DELETED)),
                            c -> c.deleteSnapshot("snap-0abcdef1234567890")));
        }
    }

    private static final class Aliyun {
        static final Map<String, String> SETTINGS = settings("endpoint", "http://ecs.test", "region", "cn-hangzhou",
                "accessKeyId", "LTAI5tExample", "accessKeySecret", "exampleSecretKey12345");
        static final String CREATED = "{ \"RequestId\": \"C8B26B44-0189-443E-9816-D951F59623A9\", \"SnapshotId\": \"s-bp17441ohwka0yuh1111\" }";
        static final String PROGRESSING = """
                { "TotalCount": 1, "RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E", "PageSize": 10, "PageNumber": 1,
                  "Snapshots": { "Snapshot": [ {
                      "SnapshotId": "s-bp17441ohwka0yuh1111", "SnapshotName": "testSnapshotName", "Status": "progressing", "Progress": "50%",
                      "RemainTime": 38, "SourceDiskId": "d-bp1s5fnvk4gn2tws0abcd", "SourceDiskType": "data", "SourceDiskSize": "40",
                      "CreationTime": "2020-08-20T14:52:28Z", "LastModifiedTime": "2020-08-20T14:52:28Z", "Encrypted": false,
                      "Tags": { "Tag": [ { "TagKey": "TestKey", "TagValue": "TestValue" } ] } } ] } }""";
        static final String ACCOMPLISHED = """
                { "TotalCount" : 1, "RequestId" : "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E", "PageSize" : 10,
                  "NextToken" : "caeba0bbb2be03f84eb48b699f0a4883", "PageNumber" : 1,
                  "Snapshots" : { "Snapshot" : [ {
                      "Status" : "accomplished", "InstantAccess" : false, "Progress" : "100%", "Usage" : "image", "Description" : "testDescription",
                      "Category" : "standard", "KMSKeyId" : "0e478b7a-4262-4802-b8cb-00d3fb40abcd", "ProductCode" : "jxsc000abcd",
                      "Encrypted" : false, "SnapshotName" : "testSnapshotName", "SourceDiskId" : "d-bp67acfmxazb4phabcd",
                      "SourceStorageType" : "disk", "SnapshotId" : "s-bp17441ohwka0yuh1111", "SnapshotSN" : "64472-116742336-61976abcd",
                      "SourceDiskSize" : 40, "CreationTime" : "2020-08-20T14:52:28Z", "LastModifiedTime" : "2020-08-25T14:18:09Z",
                      "SnapshotType" : "all", "SourceDiskType" : "system", "Tags" : { "Tag" : [ ] } } ] } }""";
        static final String EMPTY = "{ \"TotalCount\": 0, \"RequestId\": \"473469C7\", \"PageSize\": 10, \"PageNumber\": 1, \"Snapshots\": { \"Snapshot\": [] } }";
        static final String DELETED = "{ \"RequestId\": \"CEF72CEB-54B6-4AE8-B225-F876FF7BA984\" }";
        static final List<Seed> ERRORS = List.of(
                Seed.json("ecs MissingParameter", 400, "{ \"RequestId\": \"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\", \"HostId\": \"ecs.aliyuncs.com\","
                        + " \"Code\": \"MissingParameter.CommandId\", \"Message\": \"The input parameter is not supplied.\" }"),
                Seed.json("ecs throttling", 400, "{\"RequestId\":\"D5D3B0B8\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"Throttling.User\","
                        + "\"Message\":\"Request was denied due to user flow control.\"}", "x-acs-retry-after", "1500"),
                Seed.json("ecs not found with recommend", 404, "{\"RequestId\":\"DC7CBB70\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\","
                        + "\"Code\":\"InvalidSnapshotId.NotFound\",\"Message\":\"The specified snapshot does not exist.\","
                        + "\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=InvalidSnapshotId.NotFound\"}"),
                Seed.xml("ecs XML error", 400, """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <Error>
                            <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>
                            <HostId>ecs.aliyuncs.com</HostId>
                            <Code>MissingParameter.CommandId</Code>
                            <Message>The input parameter "CommandId" that is mandatory for processing this request is not supplied.</Message>
                        </Error>"""));

        static String action(Call c) {
            String header = c.header("x-acs-action");
            if (!header.isEmpty()) {
                return header;
            }
            for (String p : c.query().split("&")) {
                if (p.startsWith("Action=")) {
                    return p.substring(7);
                }
            }
            return "";
        }

        static Canned normal(Call c) {
            return switch (action(c)) {
                case "CreateSnapshot" -> Canned.json(200, CREATED, "x-acs-request-id", "C8B26B44");
                case "DeleteSnapshot" -> Canned.json(200, DELETED);
                default -> Canned.json(200, PROGRESSING);
            };
        }

        static List<Target> targets() {
            CreateSnapshotRequest create = CreateSnapshotRequest.builder().sourceId("d-bp1s5fnvk4gn2tws0abcd").name("nightly-backup-1")
                    .description("before the upgrade").putTags("team", "storage").build();
            return List.of(
                    new Target(Cloud.ALIYUN, "CreateSnapshot", SETTINGS, c -> action(c).equals("CreateSnapshot"), Aliyun::normal, List.of(
                            Seed.json("CreateSnapshot", 200, CREATED),
                            Seed.xml("CreateSnapshot as XML", 200, "<CreateSnapshotResponse><RequestId>C8B26B44-0189-443E-9816-D951F59623A9"
                                    + "</RequestId><SnapshotId>s-bp17441ohwka0yuh1111</SnapshotId></CreateSnapshotResponse>")),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.ALIYUN, "DescribeSnapshots", SETTINGS, c -> action(c).equals("DescribeSnapshots"), Aliyun::normal, List.of(
                            Seed.json("DescribeSnapshots progressing", 200, PROGRESSING),
                            Seed.json("DescribeSnapshots accomplished", 200, ACCOMPLISHED),
                            Seed.json("DescribeSnapshots empty", 200, EMPTY)),
                            c -> c.getSnapshot("s-bp17441ohwka0yuh1111")),
                    new Target(Cloud.ALIYUN, "DeleteSnapshot", SETTINGS, c -> action(c).equals("DeleteSnapshot"), Aliyun::normal,
                            List.of(Seed.json("DeleteSnapshot", 200, DELETED)),
                            c -> c.deleteSnapshot("s-bp17441ohwka0yuh1111")));
        }
    }

    private static final class OpenStack {
        static final String PROJECT = "a6944d763bf64ee6a275f1263fae0352";
        static final String VOLUME = "5aa119a8-d25b-45a7-8d1b-88e127885635";
        static final String SNAPSHOT_ID = "b36476e5-d18b-47f9-ac69-4818cb43ee21";
        static final Map<String, String> V3 = settings("authUrl", "http://keystone.test/identity/v3", "username", "admin",
                "password", "devstacker", "userDomainName", "Default", "projectName", "admin", "projectDomainId", "default", "region", "RegionOne");
        static final Map<String, String> RACKSPACE = settings("authUrl", "http://keystone.test/v2.0", "username", "demoauthor",
                "apiKey", "aaaaa-bbbbb-ccccc-12345678", "region", "DFW");
        static final String KEYSTONE_V3 = """
                { "token": { "methods": ["password"], "roles": [ { "id": "51cc68287d524c759f47c811e6463340", "name": "admin" } ],
                    "expires_at": "2026-01-01T01:00:00.000000Z", "issued_at": "2026-01-01T00:00:00.000000Z",
                    "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"], "is_domain": false,
                    "project": { "domain": { "id": "default", "name": "Default" }, "id": "a6944d763bf64ee6a275f1263fae0352", "name": "admin" },
                    "user": { "domain": { "id": "default", "name": "Default" }, "id": "ee4dfb6e5540447cb3741905149d9b6e", "name": "admin" },
                    "catalog": [
                      { "type": "compute", "name": "nova", "id": "1",
                        "endpoints": [ { "id": "c1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                          "url": "http://nova.test/compute/v2.1" } ] },
                      { "type": "block-storage", "name": "cinder", "id": "7f3d0b1e2a4c4a8e9b6d5c4b3a291807",
                        "endpoints": [
                          { "id": "a9a9", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                            "url": "http://cinder.test/v3/a6944d763bf64ee6a275f1263fae0352" },
                          { "id": "2dce", "interface": "internal", "region": "RegionOne", "region_id": "RegionOne",
                            "url": "http://cinder.test/internal/v3/a6944d763bf64ee6a275f1263fae0352" } ] } ] } }""";
        static final String KEYSTONE_V2 = """
                { "access": {
                    "token": { "id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "expires": "2026-01-01T01:00:00.000-05:00",
                      "tenant": { "id": "110011", "name": "110011" }, "RAX-AUTH:authenticatedBy": ["APIKEY"] },
                    "serviceCatalog": [
                      { "name": "cloudBlockStorage", "type": "volume", "endpoints": [
                          { "region": "DFW", "tenantId": "110011", "publicURL": "http://cinder.test/dfw/v1/110011" },
                          { "region": "ORD", "tenantId": "110011", "publicURL": "http://cinder.test/ord/v1/110011" } ] },
                      { "name": "cloudDNS", "type": "rax:dns", "endpoints": [ { "publicURL": "https://dns.api.rackspacecloud.com/v1.0/110011" } ] } ],
                    "user": { "id": "123456", "name": "jsmith", "RAX-AUTH:defaultRegion": "ORD" } } }""";
        static final String SHOW_V3 = """
                { "snapshot": { "created_at": "2019-03-11T16:24:34.469003", "description": "Daily backup", "id": "b36476e5-d18b-47f9-ac69-4818cb43ee21",
                    "metadata": { "key": "v3" }, "name": "snap-001", "size": 10, "status": "available", "updated_at": null,
                    "volume_id": "d291b81c-6e40-4525-8231-90aa1588121e", "group_snapshot_id": null,
                    "os-extended-snapshot-attributes:progress": "100%", "os-extended-snapshot-attributes:project_id": "a6944d76",
                    "user_id": "c853ca26-e8ea-4797-8a52-ee124a013d0e", "consumes_quota": true } }""";
        static final String CREATED_V3 = SHOW_V3.replace("\"available\"", "\"creating\"").replace("\"100%\"", "\"0%\"");
        static final String CREATED_V2 = """
                { "snapshot": { "status": "creating", "description": "Daily backup", "created_at": "2013-02-25T03:56:53.081642",
                    "metadata": {}, "volume_id": "5aa119a8-d25b-45a7-8d1b-88e127885635", "size": 1,
                    "id": "ffa9bc5e-1172-4021-acaf-cdcd78a9584d", "name": "snap-001" } }""";
        static final String SHOW_V1 = """
                { "snapshot": { "status": "available", "display_name": "snap-002", "created_at": "2014-06-04T20:13:34.000000",
                    "display_description": "Weekly Backup", "os-extended-snapshot-attributes:progress": "100%",
                    "volume_id": "1a036384-99b2-4fed-ac05-31f964d6925d", "os-extended-snapshot-attributes:project_id": "yourAccountID",
                    "metadata": {}, "id": "ca320eb7-b371-4dbe-b2e9-2543c952f507", "size": 100 } }""";
        static final String LIST = """
                { "snapshots": [ { "id": "b36476e5-d18b-47f9-ac69-4818cb43ee21", "status": "creating", "size": 10,
                    "volume_id": "5aa119a8-d25b-45a7-8d1b-88e127885635", "name": "nightly",
                    "metadata": { "snapshot-sdk:idempotency-token": "%s" } } ],
                  "snapshots_links": [ { "rel": "next",
                    "href": "http://cinder.test/v3/a6944d763bf64ee6a275f1263fae0352/snapshots/detail?marker=b36476e5&volume_id=5aa119a8" } ] }""";
        static final String TOKEN = "0d9c3f7e-5b1a-4c2e-8f6d-7a9b1c3e5f70";
        static final String FAULT = "{\"computeFault\":{\"code\":500,\"message\":\"The server has either erred or is incapable.\"}}";
        static final List<Seed> ERRORS = List.of(
                Seed.json("cinder badRequest", 400, "{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute volume_id.\"}}"),
                Seed.json("cinder itemNotFound", 404, "{\"itemNotFound\":{\"code\":404,\"message\":\"Snapshot could not be found.\"}}"),
                Seed.json("cinder overLimit", 413, "{\"overLimit\":{\"code\":413,\"message\":\"This request was rate-limited.\","
                        + "\"retryAfter\":\"30\"}}"),
                Seed.json("cinder computeFault", 500, FAULT),
                Seed.json("keystone Unauthorized", 401, "{\"error\":{\"code\":401,\"message\":\"The request you have made requires"
                        + " authentication.\",\"title\":\"Unauthorized\"}}"));

        static Canned normal(Call c) {
            String p = c.path();
            if (c.uri().getHost().equals("keystone.test")) {
                return p.endsWith("/v2.0/tokens") ? Canned.json(200, KEYSTONE_V2)
                        : Canned.json(201, KEYSTONE_V3, "X-Subject-Token", "gAAAAABexample");
            }
            if (p.endsWith("/snapshots/detail")) {
                return Canned.json(200, "{\"snapshots\": []}");
            }
            return switch (c.method()) {
                case "POST" -> Canned.json(202, CREATED_V3, "x-openstack-request-id", "req-1");
                case "DELETE" -> Canned.json(202, "");
                default -> Canned.json(200, SHOW_V3, "x-openstack-request-id", "req-2");
            };
        }

        static Canned failingCreate(Call c) {
            return c.method().equals("POST") && c.uri().getHost().equals("cinder.test") ? Canned.json(500, FAULT) : normal(c);
        }

        static List<Target> targets() {
            CreateSnapshotRequest create = CreateSnapshotRequest.builder().sourceId(VOLUME).name("nightly").description("before the upgrade")
                    .putTags("team", "storage").build();
            Predicate<Call> cinder = c -> c.uri().getHost().equals("cinder.test");
            // A caller's token makes the client look the marker up first; the page below carries it.
            CreateSnapshotRequest retried = CreateSnapshotRequest.builder().from(create).idempotencyToken(TOKEN).build();
            return List.of(
                    new Target(Cloud.OPENSTACK, "keystone v3 token and catalog", V3, c -> c.path().endsWith("/v3/auth/tokens"), OpenStack::normal,
                            List.of(Seed.json("keystone v3", 201, KEYSTONE_V3, "X-Subject-Token", "gAAAAABexample"),
                                    Seed.json("keystone v3 refusal", 401, "{\"error\":{\"code\":401,\"message\":\"The request you have made"
                                            + " requires authentication.\",\"title\":\"Unauthorized\"}}")),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.OPENSTACK, "keystone v2.0 token and catalog", RACKSPACE, c -> c.path().endsWith("/v2.0/tokens"),
                            OpenStack::normal, List.of(Seed.json("rackspace v2.0", 200, KEYSTONE_V2)),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.OPENSTACK, "create", V3, cinder.and(c -> c.method().equals("POST")), OpenStack::normal, List.of(
                            Seed.json("create v3", 202, CREATED_V3),
                            Seed.json("create v2", 202, CREATED_V2),
                            Seed.json("create v1 shape", 200, SHOW_V1.replace("available", "creating"))),
                            c -> c.createSnapshot(create)),
                    new Target(Cloud.OPENSTACK, "show", V3, cinder.and(c -> c.method().equals("GET") && !c.path().endsWith("/detail")),
                            OpenStack::normal, List.of(Seed.json("show v3", 200, SHOW_V3), Seed.json("show v1", 200, SHOW_V1)),
                            c -> c.getSnapshot(SNAPSHOT_ID)),
                    new Target(Cloud.OPENSTACK, "marker lookup", V3, c -> c.path().endsWith("/snapshots/detail"), OpenStack::failingCreate,
                            List.of(Seed.json("lookup page with the marker", 200, LIST.formatted(TOKEN)),
                                    Seed.json("lookup page of others", 200, LIST.formatted("another-token")),
                                    Seed.json("lookup empty", 200, "{\"snapshots\": [], \"snapshots_links\": []}")),
                            c -> c.createSnapshot(retried)));
        }
    }
}
