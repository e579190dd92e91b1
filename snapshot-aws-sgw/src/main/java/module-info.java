/**
 * AWS Storage Gateway volume snapshots for snapshot-sdk: create through Storage Gateway, status,
 * progress and delete through EC2, every call signed with SigV4. Provider id {@code aws-sgw}.
 */
module io.snapshotsdk.aws.sgw {
    requires io.snapshotsdk;
    requires com.fasterxml.jackson.databind;
    requires java.xml;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk.aws.sgw;

    // The emulator of snapshot-testkit verifies signatures with the same canonical forms.
    exports io.snapshotsdk.aws.sgw.internal to io.snapshotsdk.testkit;

    provides io.snapshotsdk.spi.SnapshotProvider with io.snapshotsdk.aws.sgw.internal.AwsSgwProvider;
}
