package io.snapshotsdk.aws.sgw.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.snapshotsdk.CreateSnapshotRequest;
import io.snapshotsdk.InvalidRequestException;
import io.snapshotsdk.InvalidRequestException.Violation;
import io.snapshotsdk.ProviderOptions;
import io.snapshotsdk.aws.sgw.AwsSgwSnapshotClient;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The model's and the API reference's rules, all reported at once. */
class SgwRulesTest {
    static final String ARN = "arn:aws:storagegateway:us-east-2:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB";

    private static InvalidRequestException invalid(CreateSnapshotRequest r) {
        return catchThrowableOfType(InvalidRequestException.class, () -> SgwRules.check(r, "token-1"));
    }

    @Test
    void aValidRequestGetsTheNameTagAndTheMarker() {
        Map<String, String> tags = SgwRules.check(CreateSnapshotRequest.builder().sourceId(ARN).name("nightly")
                .description("snapshot description").putTags("env", "prod").build(), "token-1");
        assertThat(tags).containsExactly(Map.entry("env", "prod"), Map.entry("Name", "nightly"),
                Map.entry(AwsSgwSnapshotClient.MARKER_TAG_KEY, "token-1"));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        CreateSnapshotRequest.Builder b = CreateSnapshotRequest.builder().sourceId("arn:aws:ec2:us-east-1:1:volume/vol-1")
                .putTags("", "x").putTags("bad*key", "v").putTags("k", "v".repeat(257)).putTags("k2", "no#hash");
        b.options(new ProviderOptions() {
            @Override
            public String providerId() {
                return "aliyun";
            }
        });
        InvalidRequestException e = invalid(b.build());
        assertThat(e.violations()).extracting(Violation::field)
                .contains("sourceId", "description", "options", "tags[]", "tags[bad*key]", "tags[k]", "tags[k2]");
        assertThat(e.providerId()).isEqualTo("aws-sgw");
    }

    @Test
    void arnLengthAndPattern() {
        String longArn = "arn:aws:storagegateway:us-east-2:111122223333:gateway/sgw-12A3456B/volume/vol-" + "A".repeat(430);
        assertThat(invalid(CreateSnapshotRequest.builder().sourceId(longArn).description("d").build()).violations())
                .extracting(Violation::rule).anyMatch(r -> r.contains("50 to 500"));
        for (String ok : new String[] {ARN, ARN.replace("arn:aws:", "arn:aws-cn:"), ARN.replace("arn:aws:", "arn:aws-us-gov:"),
                ARN.replace("arn:aws:", "arn:aws-iso-b:"), ARN.replace("arn:aws:", "arn:aws-eusc:")}) {
            SgwRules.check(CreateSnapshotRequest.builder().sourceId(ok).description("d").build(), "t");
        }
    }

    @Test
    void descriptionIsRequiredAndBounded() {
        assertThat(invalid(CreateSnapshotRequest.builder().sourceId(ARN).description("").build()).violations())
                .extracting(Violation::field).containsExactly("description");
        assertThat(invalid(CreateSnapshotRequest.builder().sourceId(ARN).description("d".repeat(256)).build()).violations())
                .extracting(Violation::field).containsExactly("description");
        SgwRules.check(CreateSnapshotRequest.builder().sourceId(ARN).description("d".repeat(255)).build(), "t");
    }

    @Test
    void fiftyTagsAtMostWithTheMarker() {
        CreateSnapshotRequest.Builder b = CreateSnapshotRequest.builder().sourceId(ARN).description("d");
        for (int i = 0; i < 49; i++) {
            b.putTags("k" + i, "v");
        }
        SgwRules.check(b.build(), "t");
        b.putTags("one-more", "v");
        assertThat(invalid(b.build()).violations()).extracting(Violation::field).containsExactly("tags");
    }

    @Test
    void unicodeLettersSpacesAndTheSpecialCharactersAreAllowed() {
        SgwRules.check(CreateSnapshotRequest.builder().sourceId(ARN).description("d")
                .putTags("Équipe de nuit", "stockage_01:/=+-@.").putTags("k".repeat(128), "").build(), "t");
    }

    @Test
    void theMarkerKeyIsReservedAndTokensFollowTagRules() {
        assertThat(invalid(CreateSnapshotRequest.builder().sourceId(ARN).description("d")
                .putTags(AwsSgwSnapshotClient.MARKER_TAG_KEY, "x").build()).violations()).isNotEmpty();
        assertThat(catchThrowableOfType(InvalidRequestException.class, () -> SgwRules.check(
                CreateSnapshotRequest.builder().sourceId(ARN).description("d").build(), "bad*token")).violations())
                .extracting(Violation::field).containsExactly("idempotencyToken");
        assertThat(invalid(CreateSnapshotRequest.builder().sourceId(ARN).description("d").name("n").putTags("Name", "m").build())
                .violations()).extracting(Violation::field).contains("name");
    }

    @Test
    void snapshotIdsAreCheckedBeforeUse() {
        assertThat(SgwRules.snapshotId("snap-78e22663")).isEqualTo("snap-78e22663");
        assertThat(SgwRules.snapshotId("snap-0abcdef1234567890")).isEqualTo("snap-0abcdef1234567890");
        for (String bad : new String[] {"", "snap-1", "vol-78e22663", "snap-78e22663/../x"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SgwRules.snapshotId(bad)).as(bad)
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void tagTextCheckAgreesWithTheSeedsRule() {
        Pattern rule = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
        // Letters, numbers and separators beyond ASCII (no-break space, line and paragraph
        // separators, Arabic-Indic digit, Roman numeral, fraction), a supplementary letter, a lone
        // surrogate, every allowed symbol and some that are not.
        String[] pieces = {"a", "Z", "0", " ", "\u00A0", "\u2028", "\u2029", "\u0663", "\u2163", "\u00BD", "日", "\uD835\uDC9C", "\uD835",
            "_", ".", ":", "/", "=", "+", "-", "@", "\t", "!", "#", "*", "\u00AD"};
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            boolean expected = rule.matcher(text).matches();
            assertThat(SgwRules.isTagText(text)).as(text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isBetween(1_000, 99_000);
    }
}
