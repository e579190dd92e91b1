package io.snapshotsdk.aws.sgw.internal;

import io.snapshotsdk.internal.settings.IniFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An AWS shared config or credentials file. The credentials file names its sections
 * {@code [name]}; the config file {@code [default]} and {@code [profile name]}, and ignores any
 * other section.
 */
final class ProfileFile {
    private final IniFile ini;
    private final boolean configFile;

    private ProfileFile(IniFile ini, boolean configFile) {
        this.ini = ini;
        this.configFile = configFile;
    }

    /** Reads {@code path}; a missing file is empty. */
    static Optional<ProfileFile> read(Path path, boolean configFile) throws IOException {
        return IniFile.read(path).map(ini -> new ProfileFile(ini, configFile));
    }

    /** Returns property {@code key} of profile {@code profile}, when set and not blank. */
    Optional<String> get(String profile, String key) {
        return ini.get(section(profile), key);
    }

    /** Returns whether the file has profile {@code profile}. */
    boolean has(String profile) {
        return ini.has(section(profile));
    }

    private String section(String profile) {
        return configFile && !profile.equals("default") ? "profile " + profile : profile;
    }
}
