package io.he4j.client;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * A model's secret keys in a local file ({@link RemoteModel#exportKeys}), so that records stored on the service
 * can be decrypted after this process ends. Written owner-only ({@code rw-------}) and atomically (a temporary
 * file renamed over the old one), never anywhere but the local disk.
 *
 * <p>With a passphrase the file is sealed: AES-256-GCM under a key derived by PBKDF2-HMAC-SHA256 (NIST SP
 * 800-132; {@value #ITERATIONS} iterations, OWASP's 2023 figure) from the passphrase and a fresh 16-byte salt,
 * the header authenticated as associated data. Layout (big-endian):
 * {@code "HE4JKEYS" | version 1 | iterations u32 | salt[16] | nonce[12] | ciphertext and 16-byte tag}.
 * Only the JDK's own providers are used (the SDK depends on nothing else). A file written without a
 * passphrase holds the keys as {@link RemoteModel#exportKeys} gives them, protected by its permissions alone.
 */
public final class KeyFile {
    /** The environment variable the CLI and the hospital app read a key-file passphrase from. */
    public static final String PASSPHRASE_ENV = "HE4J_KEY_PASSPHRASE";
    static final int ITERATIONS = 600_000;
    private static final byte[] MAGIC = "HE4JKEYS".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = MAGIC.length + 1 + 4 + SALT + NONCE;

    private KeyFile() {
    }

    /** The saved keys of a file written without a passphrase, if the file exists. */
    public static Optional<byte[]> read(Path file) {
        return read(file, null);
    }

    /**
     * The saved keys, if the file exists, opened with {@code passphrase} when the file is sealed (null: none
     * given). A sealed file without a passphrase, a wrong passphrase or a modified file fail with a message
     * that says which.
     */
    public static Optional<byte[]> read(Path file, char[] passphrase) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
        if (!isSealed(bytes)) {
            return Optional.of(bytes);
        }
        if (passphrase == null) {
            throw new IllegalStateException("the key file " + file + " is protected by a passphrase; none was given");
        }
        try {
            return Optional.of(open(bytes, passphrase));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the key file " + file + " does not open with this passphrase (wrong "
                    + "passphrase, or the file was modified)");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the key file " + file + " is not a readable sealed key file: "
                    + e.getMessage());
        }
    }

    /** Saves {@code keys} without a passphrase (then zeroes the array). */
    public static void write(Path file, byte[] keys) {
        write(file, keys, null);
    }

    /** Saves {@code keys}, sealed under {@code passphrase} unless it is null (then zeroes the array). */
    public static void write(Path file, byte[] keys, char[] passphrase) {
        byte[] content = null;
        try {
            content = passphrase == null ? keys : seal(keys, passphrase);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the key file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    /**
     * The passphrase in {@value #PASSPHRASE_ENV}, or null when it is unset or empty. (The environment holds it as
     * a String, which cannot be zeroed: keep the process's environment private.)
     */
    public static char[] passphraseFromEnvironment() {
        String p = System.getenv(PASSPHRASE_ENV);
        return p == null || p.isEmpty() ? null : p.toCharArray();
    }

    /** Whether the file's content is sealed under a passphrase. */
    public static boolean isSealed(byte[] content) {
        return content.length >= MAGIC.length && Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static byte[] seal(byte[] keys, char[] passphrase) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).put((byte) VERSION).putInt(ITERATIONS).put(salt)
                .put(nonce);
        Cipher gcm = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, ITERATIONS, nonce);
        gcm.updateAAD(header.array());
        byte[] sealed = gcm.doFinal(keys);
        return ByteBuffer.allocate(HEADER + sealed.length).put(header.array()).put(sealed).array();
    }

    private static byte[] open(byte[] file, char[] passphrase) throws GeneralSecurityException {
        if (file.length < HEADER + TAG_BITS / 8) {
            throw new IllegalArgumentException("truncated (" + file.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(file, MAGIC.length, HEADER - MAGIC.length);
        int version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + ", this SDK reads version " + VERSION);
        }
        int iterations = in.getInt();
        if (iterations < 10_000 || iterations > 100_000_000) {   // a planted file must not stall or weaken us
            throw new IllegalArgumentException("iteration count " + iterations + " outside [10000, 100000000]");
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        in.get(salt).get(nonce);
        Cipher gcm = cipher(Cipher.DECRYPT_MODE, passphrase, salt, iterations, nonce);
        gcm.updateAAD(file, 0, HEADER);
        return gcm.doFinal(file, HEADER, file.length - HEADER);
    }

    private static Cipher cipher(int mode, char[] passphrase, byte[] salt, int iterations, byte[] nonce)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            return c;
        } finally {
            spec.clearPassword();
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
