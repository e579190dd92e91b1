/**
 * {@link io.snapshotsdk.testkit.SnapshotEmulator}, an in-process emulator of the five clouds for
 * integration tests, with {@link io.snapshotsdk.testkit.Fault}s on demand and a JUnit 5
 * extension, {@link io.snapshotsdk.testkit.SnapshotEmulatorExtension}.
 */
package io.snapshotsdk.testkit;
