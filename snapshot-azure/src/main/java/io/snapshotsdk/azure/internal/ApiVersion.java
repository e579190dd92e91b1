package io.snapshotsdk.azure.internal;

/**
 * A {@code Microsoft.Compute} api-version and what its snapshot schema can express, by the
 * version that introduced each field.
 */
record ApiVersion(String value) {
    /** Returns the date part, which orders versions. */
    String date() {
        return value.substring(0, 10);
    }

    boolean atLeast(String date) {
        return date().compareTo(date) >= 0;
    }

    /** Before 2017-03-30 the storage type is {@code properties.accountType} and there is no {@code sku}. */
    boolean usesAccountType() {
        return !atLeast("2017-03-30");
    }

    boolean hasZoneRedundantStorage() {
        return atLeast("2018-04-01");
    }

    /** From 2019-03-01: {@code encryptionSettingsCollection} replaces {@code encryptionSettings}, and {@code incremental}. */
    boolean hasEncryptionCollectionAndIncremental() {
        return atLeast("2019-03-01");
    }

    boolean hasNetworkAccessPolicy() {
        return atLeast("2020-05-01");
    }

    boolean hasCopyStart() {
        return atLeast("2020-12-01");
    }
}
