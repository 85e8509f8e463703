package dev.stackagent.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * SSH settings: the private key file, an optional file holding its passphrase, the known_hosts file,
 * and whether an unknown host is refused (default: yes). Only paths are held; files are read on use.
 *
 * @param keyFile private key (OpenSSH or PEM format), e.g. a mounted deploy key
 * @param passphraseFile file holding the key's passphrase, if the key is encrypted
 * @param knownHostsFile OpenSSH known_hosts file, e.g. from {@code ssh-keyscan}
 * @param strictHostKeyChecking refuse hosts without a known_hosts entry; a mismatching entry is
 *     always refused
 */
public record SshSettings(Optional<Path> keyFile, Optional<Path> passphraseFile, Optional<Path> knownHostsFile,
        boolean strictHostKeyChecking) {

    /** Validates that no field is null. */
    public SshSettings {
        Objects.requireNonNull(keyFile);
        Objects.requireNonNull(passphraseFile);
        Objects.requireNonNull(knownHostsFile);
    }

    /** No key, no known_hosts, strict checking: every SSH host is refused. */
    public static SshSettings none() {
        return new SshSettings(Optional.empty(), Optional.empty(), Optional.empty(), true);
    }
}
