package dev.stackagent.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Checks an SSH server's host key against one known_hosts file, read on every connection and never
 * written. A key that differs from the file's entry is always refused; a host without an entry is
 * refused when strict checking is on. The last refusal is remembered so that the caller can report
 * {@link GitSourceException.Reason#HOST_KEY} instead of a generic transport error.
 */
final class KnownHostsKeyDatabase implements ServerKeyDatabase {

    private static final int DEFAULT_SSH_PORT = 22;

    private final Optional<Path> knownHostsFile;
    private final boolean strict;
    private volatile String lastRefusal;

    KnownHostsKeyDatabase(Optional<Path> knownHostsFile, boolean strict) {
        this.knownHostsFile = knownHostsFile;
        this.strict = strict;
    }

    /** Forgets the last refusal; call before each operation. */
    void reset() {
        lastRefusal = null;
    }

    /** Why the last host key was refused, if it was. */
    Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return keysFor(connectAddress);
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        List<PublicKey> known = keysFor(connectAddress);
        if (known.stream().anyMatch(k -> KeyUtils.compareKeys(k, serverKey))) {
            return true;
        }
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        if (!known.isEmpty()) {
            lastRefusal = "host key " + fingerprint + " of " + connectAddress
                    + " does not match its entry in " + knownHostsFile.map(Path::toString).orElse("known_hosts");
            return false;
        }
        if (strict) {
            lastRefusal = "no known_hosts entry for " + connectAddress + " (host key " + fingerprint
                    + ") and strict-host-key-checking is on"
                    + knownHostsFile.map(f -> "; known-hosts-file is " + f).orElse("; known-hosts-file is not set");
            return false;
        }
        return true;
    }

    private List<PublicKey> keysFor(String connectAddress) {
        if (knownHostsFile.isEmpty() || !Files.isReadable(knownHostsFile.get())) {
            return List.of();
        }
        HostAndPort target = HostAndPort.parse(connectAddress);
        List<PublicKey> keys = new ArrayList<>();
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHostsFile.get())) {
                if (entry.getMarker() == null && entry.isHostMatch(target.host(), target.port())) {
                    PublicKey key = entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                    if (key != null) {
                        keys.add(key);
                    }
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            lastRefusal = "cannot read known-hosts-file " + knownHostsFile.get() + ": " + e.getMessage();
        }
        return keys;
    }

    /** Host and port from JGit's connect address: {@code host} or {@code [host]:port}. */
    private record HostAndPort(String host, int port) {
        static HostAndPort parse(String address) {
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close > 0) {
                    String host = address.substring(1, close);
                    String rest = address.substring(close + 1);
                    int port = rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : DEFAULT_SSH_PORT;
                    return new HostAndPort(host, port);
                }
            }
            int colon = address.lastIndexOf(':');
            if (colon > 0 && address.indexOf(':') == colon) {
                return new HostAndPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
            }
            return new HostAndPort(address, DEFAULT_SSH_PORT);
        }
    }
}
