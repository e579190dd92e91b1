package io.snapshotsdk.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link SnapshotEmulator} per test class and passes it to test methods, constructors
 * and lifecycle methods that take one; state is shared across the class's tests.
 *
 * <pre>{@code
 * @ExtendWith(SnapshotEmulatorExtension.class)
 * class BackupJobTest {
 *     @Test
 *     void backsUpTheDataDisk(SnapshotEmulator emulator) {
 *         emulator.addDisk("openstack", "5aa119a8-d25b-45a7-8d1b-88e127885635", 10);
 *         new BackupJob(SnapshotClients.create("openstack", emulator.settings("openstack"))).run();
 *         assertThat(emulator.snapshots("openstack")).hasSize(1);
 *     }
 * }
 * }</pre>
 */
public final class SnapshotEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SnapshotEmulatorExtension.class);

    /** Creates the extension; JUnit calls it. */
    public SnapshotEmulatorExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SnapshotEmulator e = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), SnapshotEmulator.class);
        if (e != null) {
            e.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SnapshotEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    private static SnapshotEmulator emulator(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getRequiredTestClass(), k -> SnapshotEmulator.start(),
                SnapshotEmulator.class);
    }
}
