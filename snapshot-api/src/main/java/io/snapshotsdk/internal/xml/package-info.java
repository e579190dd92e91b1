/**
 * Internal to snapshot-sdk: shared by its provider modules, not part of the API, and may change
 * in any release without notice.
 */
package io.snapshotsdk.internal.xml;
