package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stackagent.source.GitSourceException.Reason;

/** {@link GitSource} over SSH against a real SSH git server (Apache MINA) on loopback. */
class GitSourceSshTest {

    @TempDir
    Path tmp;

    private TestRepo upstream;
    private SshTestGitServer server;
    private KeyPair hostKey;
    private KeyPair userKey;
    private int port;
    private String head;

    @BeforeEach
    void startServer() throws Exception {
        upstream = TestRepo.create(tmp.resolve("upstream"));
        head = upstream.commit(Map.of("stacks/demo/stack.yaml", "name: demo\n"), "first");
        hostKey = SshKeys.generate();
        userKey = SshKeys.generate();
        server = new SshTestGitServer("git", userKey.getPublic(), upstream.repository(), hostKey);
        port = server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
        upstream.close();
    }

    private GitSource source(SshSettings ssh) {
        return new GitSource(GitSettingsBuilder.of("ssh://git@127.0.0.1:" + port + "/repo.git")
                .cacheDir(tmp.resolve("cache")).timeout(Duration.ofSeconds(10)).ssh(ssh).build());
    }

    private SshSettings ssh(Path key, Path passphrase, Path knownHosts, boolean strict) {
        return new SshSettings(Optional.ofNullable(key), Optional.ofNullable(passphrase),
                Optional.ofNullable(knownHosts), strict);
    }

    @Test
    void clonesWithTheDeployKeyAndKnownHosts() throws Exception {
        Path key = SshKeys.writePrivateKey(userKey, tmp.resolve("id"), null);
        Path knownHosts = SshKeys.writeKnownHosts(tmp.resolve("known_hosts"), port, hostKey);

        try (GitSource source = source(ssh(key, null, knownHosts, true))) {
            assertThat(source.remoteRevision()).contains(head);
            assertThat(source.fetch().revision()).isEqualTo(head);
            assertThat(source.snapshot(head).text("stacks/demo/stack.yaml")).contains("name: demo\n");
        }
    }

    @Test
    void readsAnEncryptedKeyWithThePassphraseFromAFile() throws Exception {
        Path key = SshKeys.writePrivateKey(userKey, tmp.resolve("id"), "s3cret-pass");
        Path passphrase = Files.writeString(tmp.resolve("passphrase"), "s3cret-pass\n");
        Path knownHosts = SshKeys.writeKnownHosts(tmp.resolve("known_hosts"), port, hostKey);

        try (GitSource source = source(ssh(key, passphrase, knownHosts, true))) {
            assertThat(source.fetch().revision()).isEqualTo(head);
        }
    }

    @Test
    void aHostKeyThatDiffersFromKnownHostsIsRefused() throws Exception {
        Path key = SshKeys.writePrivateKey(userKey, tmp.resolve("id"), null);
        Path knownHosts = SshKeys.writeKnownHosts(tmp.resolve("known_hosts"), port, SshKeys.generate());

        for (boolean strict : new boolean[] {true, false}) {
            try (GitSource source = source(ssh(key, null, knownHosts, strict))) {
                assertThatThrownBy(source::fetch).isInstanceOfSatisfying(GitSourceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
                    assertThat(e.getMessage()).contains("does not match", "127.0.0.1");
                });
            }
        }
    }

    @Test
    void aHostWithoutKnownHostsEntryIsRefusedUnlessStrictCheckingIsOff() throws Exception {
        Path key = SshKeys.writePrivateKey(userKey, tmp.resolve("id"), null);
        Path otherHostOnly = Files.writeString(tmp.resolve("known_hosts"), "");

        try (GitSource strict = source(ssh(key, null, otherHostOnly, true))) {
            assertThatThrownBy(strict::remoteRevision).isInstanceOfSatisfying(GitSourceException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
                assertThat(e.getMessage()).contains("no known_hosts entry");
            });
        }
        try (GitSource lax = source(ssh(key, null, otherHostOnly, false))) {
            assertThat(lax.fetch().revision()).isEqualTo(head);
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthError() throws Exception {
        Path wrongKey = SshKeys.writePrivateKey(SshKeys.generate(), tmp.resolve("id"), null);
        Path knownHosts = SshKeys.writeKnownHosts(tmp.resolve("known_hosts"), port, hostKey);

        try (GitSource source = source(ssh(wrongKey, null, knownHosts, true))) {
            assertThatThrownBy(source::fetch).isInstanceOfSatisfying(GitSourceException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.AUTH));
        }
    }
}
