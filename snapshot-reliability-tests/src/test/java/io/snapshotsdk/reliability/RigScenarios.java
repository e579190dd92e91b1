package io.snapshotsdk.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lifecycle most scenario classes share: one {@link Rig} per class, started before its first
 * test, reset before each and closed after the last. Classes run one after another, so the one
 * static field serves each in turn.
 */
abstract class RigScenarios {
    static Rig rig;

    @BeforeAll
    static void startRig() {
        rig = Rig.start();
    }

    @AfterAll
    static void closeRig() {
        rig.close();
    }

    @BeforeEach
    void resetRig() {
        rig.reset();
    }
}
