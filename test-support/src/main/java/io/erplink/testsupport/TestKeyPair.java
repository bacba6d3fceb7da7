package io.erplink.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An RSA key pair made at test time, so no key is ever committed: the public half is written as a
 * PEM file for {@code mp.jwt.verify.publickey.location}, the private half signs the tests' tokens.
 *
 * @param pair          the key pair
 * @param publicKeyFile the public key as a PEM file (delete it with {@link #delete()})
 */
public record TestKeyPair(KeyPair pair, Path publicKeyFile) {

    /** A fresh 2048-bit RSA pair; the PEM file's name starts with {@code prefix}. */
    public static TestKeyPair generate(String prefix) {
        try {
            KeyPair pair = rsa();
            Path file = Files.createTempFile(prefix, ".pem");
            Files.writeString(
                    file,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(pair.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            return new TestKeyPair(pair, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test public key", e);
        }
    }

    /** A 2048-bit RSA pair, e.g. one the service under test does not trust. */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** The PEM file's URI, for {@code mp.jwt.verify.publickey.location}. */
    public String publicKeyLocation() {
        return publicKeyFile.toUri().toString();
    }

    /** Removes the PEM file. */
    public void delete() {
        try {
            Files.deleteIfExists(publicKeyFile);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
