package io.snapshotsdk.aws.sgw.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the Storage Gateway and EC2 endpoint rule-set tests. */
class AwsEndpointsTest {

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String service : List.of("storagegateway", "ec2")) {
            try (InputStream in = AwsEndpointsTest.class.getResourceAsStream("/vectors/aws-endpoints/" + service + "-endpoint-tests-1.json")) {
                for (JsonNode c : new ObjectMapper().readTree(in).get("testCases")) {
                    out.add(Arguments.of(service, c.get("documentation").asText(), c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void resolvesAsTheRuleSetSays(String service, String doc, JsonNode c) {
        JsonNode p = c.has("params") && !c.get("params").isNull() ? c.get("params") : new ObjectMapper().createObjectNode();
        Optional<String> region = Optional.ofNullable(p.get("Region")).map(JsonNode::asText);
        boolean fips = p.path("UseFIPS").asBoolean(false);
        boolean dual = p.path("UseDualStack").asBoolean(false);
        Optional<URI> endpoint = Optional.ofNullable(p.get("Endpoint")).map(n -> URI.create(n.asText()));
        if (c.get("expect").has("error")) {
            assertThatThrownBy(() -> AwsEndpoints.resolve(service, region, fips, dual, endpoint))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(c.get("expect").get("error").asText());
        } else {
            assertThat(AwsEndpoints.resolve(service, region, fips, dual, endpoint))
                    .isEqualTo(URI.create(c.at("/expect/endpoint/url").asText()));
        }
    }

    @org.junit.jupiter.api.Test
    void thereAre103Cases() throws Exception {
        assertThat(cases()).hasSize(103);
    }
}
