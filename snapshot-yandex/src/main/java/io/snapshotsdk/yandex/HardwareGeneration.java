package io.snapshotsdk.yandex;

import java.util.Objects;
import java.util.Optional;

/**
 * The hardware generation a snapshot's disk is meant for: the legacy features with a PCI
 * topology, or generation 2. Exactly one, as in the API's {@code oneof}.
 *
 * <pre>{@code
 * YandexSnapshotOptions.builder().hardwareGeneration(HardwareGeneration.generation2()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HardwareGeneration {
    /** The PCI topology of the legacy hardware features. */
    public enum PciTopology {
        /** Not specified. */
        PCI_TOPOLOGY_UNSPECIFIED,
        /** Topology version 1. */
        PCI_TOPOLOGY_V1,
        /** Topology version 2. */
        PCI_TOPOLOGY_V2
    }

    private static final HardwareGeneration GENERATION_2 = new HardwareGeneration(null);

    private final PciTopology pciTopology;

    private HardwareGeneration(PciTopology pciTopology) {
        this.pciTopology = pciTopology;
    }

    /**
     * Returns the legacy features with {@code pciTopology} ({@code legacyFeatures}).
     *
     * @param pciTopology the PCI topology
     * @return the hardware generation
     */
    public static HardwareGeneration legacy(PciTopology pciTopology) {
        return new HardwareGeneration(Objects.requireNonNull(pciTopology, "pciTopology"));
    }

    /**
     * Returns generation 2 ({@code generation2Features}).
     *
     * @return the hardware generation
     */
    public static HardwareGeneration generation2() {
        return GENERATION_2;
    }

    /**
     * Returns the PCI topology of the legacy features; empty for generation 2.
     *
     * @return the PCI topology
     */
    public Optional<PciTopology> pciTopology() {
        return Optional.ofNullable(pciTopology);
    }

    /**
     * Returns whether this is generation 2.
     *
     * @return {@code true} for generation 2
     */
    public boolean isGeneration2() {
        return pciTopology == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardwareGeneration h && h.pciTopology == pciTopology;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(pciTopology);
    }

    @Override
    public String toString() {
        return pciTopology == null ? "generation2Features" : "legacyFeatures(" + pciTopology + ")";
    }
}
