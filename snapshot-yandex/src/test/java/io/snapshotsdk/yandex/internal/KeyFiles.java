package io.snapshotsdk.yandex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.PublicKey;

/** Test keys and JWT checks, shared with the wire test. */
public final class KeyFiles {
    private KeyFiles() {}

    public static KeyPair generate() {
        return ServiceAccountKeyTest.generate();
    }

    public static String keyFile(KeyPair pair) {
        return ServiceAccountKeyTest.keyFile(pair);
    }

    public static JsonNode verify(String jwt, PublicKey key) throws Exception {
        return ServiceAccountKeyTest.verify(jwt, key);
    }
}
