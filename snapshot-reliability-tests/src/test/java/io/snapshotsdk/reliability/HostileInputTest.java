package io.snapshotsdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.Snapshot;
import io.snapshotsdk.SnapshotClient;
import io.snapshotsdk.SnapshotException;
import io.snapshotsdk.SnapshotState;
import io.snapshotsdk.aliyun.AliyunSnapshotOptions;
import io.snapshotsdk.azure.AzureSnapshotOptions;
import io.snapshotsdk.reliability.Scoreboard.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that no hostile value in a field that goes into a URL path or query leaves the client:
 * for every such field of every provider (snapshot ids of get, delete and await, Azure's ARM id
 * parts, names and resource groups, Yandex operation ids, Aliyun disk, resource group and
 * client token, the OpenStack volume id), at least 200 values (traversal, separators, encoded
 * forms, control characters, look-alike Unicode, over-long, empty, blank and the seed's own rule
 * violations) are each refused with an {@link InvalidRequestException} naming the field, and the
 * proxy's journal stays empty: not even a token is fetched before the value is checked.
 */
class HostileInputTest extends RigScenarios {
    private static final int MIN_VALUES_PER_FIELD = 200;
    private static final int REPORTED = 10;

    /** A field that goes into a URL: its valid value, its hostile values and how a client sends it. */
    private record Field(String name, String violationField, String valid, List<String> hostile, BiConsumer<SnapshotClient, String> send) {}

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void hostileValuesAreRefusedBeforeAnythingIsSent(Cloud cloud) {
        SnapshotClient client = rig.client(cloud);
        List<Field> fields = fields(cloud);
        List<String> failures = new ArrayList<>();
        int scenarios = 0;
        for (Field f : fields) {
            assertThat(f.hostile()).as(cloud + " " + f.name() + " values").hasSizeGreaterThanOrEqualTo(MIN_VALUES_PER_FIELD);
            for (String value : f.hostile()) {
                scenarios++;
                rig.proxy.reset();
                try {
                    Scoreboard.run(Group.HOSTILE_INPUT, cloud, () -> refused(client, f, value));
                } catch (Throwable t) {
                    failures.add(f.name() + " " + HostileValues.show(value) + ": " + t.getMessage());
                }
            }
        }
        assertThat(failures.stream().limit(REPORTED).toList())
                .as(failures.size() + " of " + scenarios + " hostile " + cloud + " values were not refused before sending").isEmpty();

        // The valid values pass the same checks, so the refusals above are the values' own.
        for (Field f : fields) {
            rig.proxy.reset();
            try {
                f.send().accept(client, f.valid());
            } catch (InvalidRequestException e) {
                throw new AssertionError(cloud + " " + f.name() + ": the valid value " + f.valid() + " was refused", e);
            } catch (SnapshotException fromTheEmulator) {
                // Not found and the like: the request was sent, as it should be.
            }
            assertThat(rig.proxy.journal()).as(cloud + " " + f.name() + " with a valid value is sent").isNotEmpty();
        }
    }

    private static void refused(SnapshotClient client, Field f, String value) {
        InvalidRequestException refused;
        try {
            f.send().accept(client, value);
            throw new AssertionError("accepted");
        } catch (InvalidRequestException e) {
            refused = e;
        } catch (SnapshotException e) {
            throw new AssertionError("sent, and answered with " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        List<String> named = refused.violations().stream().map(v -> v.field()).toList();
        assertThat(named).as("the violations of " + HostileValues.show(value)).contains(f.violationField());
        List<FaultProxy.Exchange> sent = rig.proxy.journal();
        assertThat(sent).as("requests sent for " + HostileValues.show(value) + ": "
                + sent.stream().map(e -> e.method() + " " + e.target()).collect(Collectors.joining(", "))).isEmpty();
    }

    private static List<Field> fields(Cloud cloud) {
        Map<String, String> s = rig.settings(cloud);
        String disk = rig.diskId(cloud);
        CreateSnapshotRequest valid = cloud.request(disk).build();
        return switch (cloud) {
            case AZURE -> azure(s.get("subscriptionId"), s.get("resourceGroup"), disk, valid);
            case YANDEX -> List.of(
                    get("fd8apannhdo9abcdefgh", yandexId("fd8apannhdo9abcdefgh")),
                    delete("fd8apannhdo9abcdefgh", yandexId("fd8apannhdo9abcdefgh")),
                    await(cloud, "fd8apannhdo9abcdefgh", yandexId("fd8apannhdo9abcdefgh")),
                    new Field("await operationId", "operationId", "epd473ndlm58abcdefgh", yandexId("epd473ndlm58abcdefgh"),
                            (c, v) -> c.awaitSnapshot(Snapshot.builder().id("fd8apannhdo9abcdefgh").providerId(cloud.id)
                                    .state(SnapshotState.CREATING).putAttributes("operationId", v).build(), ParserTargets.WAIT)));
            case AWS_SGW -> {
                List<String> ids = HostileValues.forId("snap-0abcdef1234567890", 22, "snap-1234567", "snap-123456789", "snap-zzzzzzzz",
                        "SNAP-12345678", "vol-12345678", "snap-", "snap-0abcdef12345678901", "snap-0abcdef123456789", "snap_12345678",
                        "snap-1234567g", "snap-１２３４５６７８");
                yield List.of(get("snap-0abcdef1234567890", ids), delete("snap-0abcdef1234567890", ids),
                        await(cloud, "snap-0abcdef1234567890", ids));
            }
            case ALIYUN -> {
                List<String> ids = aliyunId("s-bp17441ohwka0yuh1111");
                yield List.of(get("s-bp17441ohwka0yuh1111", ids), delete("s-bp17441ohwka0yuh1111", ids),
                        await(cloud, "s-bp17441ohwka0yuh1111", ids),
                        new Field("create sourceId (DiskId)", "sourceId", disk, aliyunId(disk),
                                (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).sourceId(v).build())),
                        new Field("create name (SnapshotName)", "name", "nightly-backup-1",
                                HostileValues.forId("nightly-backup-1", 128, "a", "1abc", "_abc", "-abc", ".abc", ":abc", "http://abc",
                                        "https://abc", "HTTP://abc", "auto-backup", "autoSnapshot", "a".repeat(129), "name with space"),
                                (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).name(v).build())),
                        new Field("create options.resourceGroupId", "options.resourceGroupId", "rg-acfmxazb4ph6aiy", aliyunId("rg-acfmxazb4ph6aiy"),
                                (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid)
                                        .options(AliyunSnapshotOptions.builder().resourceGroupId(v).build()).build())),
                        new Field("create idempotencyToken (ClientToken)", "idempotencyToken", "123e4567-e89b-12d3-a456-426655440000",
                                HostileValues.forField("123e4567-e89b-12d3-a456-426655440000", 64, HostileValues::notVisibleAscii,
                                        "x".repeat(65), "tök", "токен", "a b", "１２３"),
                                (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).idempotencyToken(v).build())));
            }
            case OPENSTACK -> {
                String id = "b36476e5-d18b-47f9-ac69-4818cb43ee21";
                List<String> ids = HostileValues.forId(id, 64, "x".repeat(65), "b36476e5.d18b", "b36476e5-d18b-47f9-ac69-4818cb43ee2é",
                        "ｂ36476e5-d18b-47f9-ac69-4818cb43ee21");
                yield List.of(get(id, ids), delete(id, ids), await(cloud, id, ids),
                        new Field("create sourceId (volume_id)", "sourceId", disk, HostileValues.forId(disk, 36,
                                "5aa119a8-d25b-45a7-8d1b-88e12788563", "5aa119a8-d25b-45a7-8d1b-88e1278856355", "zaa119a8-d25b-45a7-8d1b-88e127885635",
                                "5aa119a8_d25b_45a7_8d1b_88e127885635", "vol-1"),
                                (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).sourceId(v).build())));
            }
        };
    }

    private static List<Field> azure(String subscription, String group, String disk, CreateSnapshotRequest valid) {
        String name = "nightly-backup-1";
        List<String> names = HostileValues.forId(name, 80, "_nightly", "-nightly", ".nightly", "nightly.", "nightly-", "n".repeat(81),
                "nïghtly", "nightly backup", "nightly(1)", "ナイトリー");
        List<String> groups = HostileValues.forId(group, 90, "g".repeat(91), "snapshots-rg.", "rg..", "rg/", "rg\\");
        List<String> subscriptions = HostileValues.forId(subscription, 36, "not-a-guid", "0000", "g" + subscription.substring(1),
                subscription.replace("-", ""), subscription + "0", "{subscription-id}");
        String prefix = "/providers/Microsoft.Compute/";
        return List.of(
                get(name, names),
                delete(name, names),
                await(Cloud.AZURE, name, names),
                new Field("snapshotId's subscription", "snapshotId", subscription, subscriptions,
                        (c, v) -> c.getSnapshot(arm(v, group, name))),
                new Field("snapshotId's resource group", "snapshotId", group, groups,
                        (c, v) -> c.getSnapshot(arm(subscription, v, name))),
                new Field("snapshotId's name", "snapshotId", name, names,
                        (c, v) -> c.deleteSnapshot(arm(subscription, group, v))),
                new Field("create name", "name", name, names,
                        (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).name(v).build())),
                new Field("create options.resourceGroup", "options.resourceGroup", group, groups,
                        (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid)
                                .options(AzureSnapshotOptions.builder().resourceGroup(v).build()).build())),
                // With a size to check, the client reads the source, so its id becomes a URL. '/' is
                // the ARM id's own separator: "data-/disk-1" names another resource, each part a
                // plain segment, so the fragments that only add separators are left out here.
                new Field("create sourceId (read for diskSizeGB)", "sourceId", disk,
                        HostileValues.forField("data-disk-1", 260, f -> !List.of("/", "/..", "../").contains(f),
                                "data-disk-1/..", "../data-disk-1", "....", "a/./b").stream()
                                .map(v -> "/subscriptions/" + subscription + "/resourceGroups/" + group + prefix + "disks/" + v).toList(),
                        (c, v) -> c.createSnapshot(CreateSnapshotRequest.builder().from(valid).sourceId(v)
                                .options(AzureSnapshotOptions.builder().diskSizeGB(100).build()).build())));
    }

    private static String arm(String subscription, String group, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/Microsoft.Compute/snapshots/" + name;
    }

    private static List<String> yandexId(String valid) {
        return HostileValues.forId(valid, 50, "x".repeat(51), "fd8apannhdo9.bcdefgh", "fd8ápannhdo9abcdefgh", "ｆｄ８", "id:1");
    }

    private static List<String> aliyunId(String valid) {
        return HostileValues.forId(valid, 64, "x".repeat(65), "s.bp17441", "s-bp17441é", "ｓ-ｂｐ", "s-bp:1", "s-bp17441ohwka0yuh****");
    }

    private static Field get(String valid, List<String> hostile) {
        return new Field("get snapshotId", "snapshotId", valid, hostile, SnapshotClient::getSnapshot);
    }

    private static Field delete(String valid, List<String> hostile) {
        return new Field("delete snapshotId", "snapshotId", valid, hostile, SnapshotClient::deleteSnapshot);
    }

    /** A wait polls the snapshot by its id; a blank id cannot even make a {@link Snapshot}, so those values are left out. */
    private static Field await(Cloud cloud, String valid, List<String> hostile) {
        return new Field("await snapshotId", "snapshotId", valid, hostile.stream().filter(v -> !v.isBlank()).toList(),
                (c, v) -> c.awaitSnapshot(Snapshot.builder().id(v).providerId(cloud.id).state(SnapshotState.CREATING).build(),
                        ParserTargets.WAIT));
    }
}
