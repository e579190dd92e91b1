/**
 * OpenStack Cinder volume snapshots for snapshot-sdk: the Rackspace v1 API and Cinder v2/v3, with
 * Keystone v3 and v2.0 authentication and the service catalog. Provider id {@code openstack}.
 */
module io.snapshotsdk.openstack {
    requires io.snapshotsdk;
    requires com.fasterxml.jackson.databind;
    requires static org.immutables.value.annotations;

    exports io.snapshotsdk.openstack;

    provides io.snapshotsdk.spi.SnapshotProvider with io.snapshotsdk.openstack.internal.OpenStackProvider;
}
