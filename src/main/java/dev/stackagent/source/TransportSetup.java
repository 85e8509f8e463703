package dev.stackagent.source;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Prepares JGit commands of one source: HTTPS credentials read now, and an SSH session factory over
 * Apache MINA that uses only the configured key and known_hosts file (never {@code ~/.ssh}, its
 * config or an SSH agent). JGit's JVM-wide default session factory is left alone.
 */
final class TransportSetup implements AutoCloseable {

    private final GitSettings settings;
    private final KnownHostsKeyDatabase hostKeys;
    private final SshdSessionFactory sshSessionFactory;

    TransportSetup(GitSettings settings) {
        this.settings = settings;
        SshSettings ssh = settings.ssh();
        this.hostKeys = new KnownHostsKeyDatabase(ssh.knownHostsFile(), ssh.strictHostKeyChecking());
        File sshHome = settings.cacheDir().resolve(".ssh-home").toFile();
        this.sshSessionFactory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(sshHome)
                .setSshDirectory(new File(sshHome, ".ssh"))
                .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
                .setDefaultKnownHostsFiles(dir -> List.of())
                .setServerKeyDatabase((homeDir, sshDir) -> hostKeys)
                .setDefaultIdentities(dir -> ssh.keyFile().map(List::of).orElse(List.<Path>of()))
                .setKeyPasswordProvider(credentials -> new PassphraseFromFile(ssh.passphraseFile()))
                .setPreferredAuthentications("publickey")
                .build(null);
    }

    /** Applies credentials, timeout and the SSH session factory to a JGit command. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        hostKeys.reset();
        settings.https().provider().ifPresent(command::setCredentialsProvider);
        return command
                .setTimeout((int) Math.max(1, settings.timeout().toSeconds()))
                .setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport sshTransport) {
                        sshTransport.setSshSessionFactory(sshSessionFactory);
                    }
                });
    }

    /** Why the last SSH host key was refused, if it was. */
    Optional<String> hostKeyRefusal() {
        return hostKeys.lastRefusal();
    }

    @Override
    public void close() {
        sshSessionFactory.close();
    }

    /** Gives the key's passphrase from a file, read when the key is loaded; one attempt only. */
    private static final class PassphraseFromFile implements KeyPasswordProvider {
        private final Optional<Path> file;

        PassphraseFromFile(Optional<Path> file) {
            this.file = file;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) {
            return file.map(f -> SecretFiles.read(f, "ssh-key-passphrase-file").toCharArray()).orElse(null);
        }

        @Override
        public void setAttempts(int maxNumberOfAttempts) {
            // one attempt: the file either holds the right passphrase or it does not
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false;
        }
    }
}
