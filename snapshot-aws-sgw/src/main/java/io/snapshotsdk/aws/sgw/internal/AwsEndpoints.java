package io.snapshotsdk.aws.sgw.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a service's endpoint from the region the way the AWS endpoint rule sets do:
 * {@code https://{service}[-fips].{region}.{dnsSuffix}} with the partition's suffix (or its
 * dual-stack suffix), an explicit endpoint used verbatim, and the rule sets' configuration errors.
 */
public final class AwsEndpoints {
    private AwsEndpoints() {}

    /** An AWS partition: which regions belong to it and its DNS suffixes. */
    record Partition(String name, String regionPrefix, String dnsSuffix, Optional<String> dualStackDnsSuffix) {}

    // Most specific prefixes first; "aws" takes every region the others do not.
    private static final List<Partition> PARTITIONS = List.of(
            new Partition("aws-cn", "cn-", "amazonaws.com.cn", Optional.of("api.amazonwebservices.com.cn")),
            new Partition("aws-us-gov", "us-gov-", "amazonaws.com", Optional.of("api.aws")),
            new Partition("aws-iso-b", "us-isob-", "sc2s.sgov.gov", Optional.empty()),
            new Partition("aws-iso-f", "us-isof-", "csp.hci.ic.gov", Optional.empty()),
            new Partition("aws-iso-e", "eu-isoe-", "cloud.adc-e.uk", Optional.empty()),
            new Partition("aws-iso", "us-iso-", "c2s.ic.gov", Optional.empty()),
            new Partition("aws-eusc", "eusc-", "amazonaws.eu", Optional.empty()),
            new Partition("aws", "", "amazonaws.com", Optional.of("api.aws")));

    /** A resolution failure, worded as the rule sets word it. */
    static final class ConfigurationError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConfigurationError(String message) {
            super("Invalid Configuration: " + message);
        }
    }

    /**
     * Returns the endpoint of {@code service} (such as {@code storagegateway} or {@code ec2}).
     *
     * @throws IllegalArgumentException with the rule sets' message when the inputs conflict
     */
    public static URI resolve(String service, Optional<String> region, boolean fips, boolean dualStack, Optional<URI> endpoint) {
        if (endpoint.isPresent()) {
            if (fips) {
                throw new ConfigurationError("FIPS and custom endpoint are not supported");
            }
            if (dualStack) {
                throw new ConfigurationError("Dualstack and custom endpoint are not supported");
            }
            return endpoint.get();
        }
        String r = region.orElseThrow(() -> new ConfigurationError("Missing Region"));
        Partition p = partition(r);
        String suffix = p.dnsSuffix();
        if (dualStack) {
            suffix = p.dualStackDnsSuffix().orElseThrow(() ->
                    new ConfigurationError("DualStack is enabled but this partition does not support DualStack"));
        }
        String host = service + (fips ? "-fips" : "");
        // EC2's FIPS endpoints in GovCloud are its regular ones (the rule set's one exception).
        if (service.equals("ec2") && fips && !dualStack && p.name().equals("aws-us-gov")) {
            host = service;
        }
        return URI.create("https://" + host + "." + r + "." + suffix);
    }

    static Partition partition(String region) {
        for (Partition p : PARTITIONS) {
            if (region.startsWith(p.regionPrefix())) {
                return p;
            }
        }
        throw new IllegalStateException("the aws partition matches every region");
    }
}
