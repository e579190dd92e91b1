/**
 * OpenStack Cinder volume snapshots: {@link io.snapshotsdk.openstack.OpenStackSettings}, the
 * per-request {@link io.snapshotsdk.openstack.OpenStackSnapshotOptions} and the typed factory
 * {@link io.snapshotsdk.openstack.OpenStackSnapshotClient}. The same client comes from
 * {@code SnapshotClients.create("openstack", settings)}.
 */
package io.snapshotsdk.openstack;
