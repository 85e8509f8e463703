package dev.stackagent.source;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Generates SSH key pairs and writes them as OpenSSH files and known_hosts lines, in pure Java. */
final class SshKeys {

    private SshKeys() {
    }

    static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Writes the private key in OpenSSH format, encrypted when {@code passphrase} is not null. */
    static Path writePrivateKey(KeyPair keyPair, Path file, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "test", encryption, out);
        }
        return file;
    }

    /** Writes a known_hosts file with one entry for {@code 127.0.0.1} on {@code port}. */
    static Path writeKnownHosts(Path file, int port, KeyPair hostKey) throws Exception {
        String line = "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
        return Files.writeString(file, line, StandardCharsets.UTF_8);
    }
}
