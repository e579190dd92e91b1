/**
 * Internal to snapshot-testkit: the emulator's server, state and per-cloud protocol handlers; not
 * part of the API.
 */
package io.snapshotsdk.testkit.internal;
