package io.he4j.paillier.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.paillier.MalformedInputException;
import io.he4j.paillier.PaillierException;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierPrivateKey;
import io.he4j.paillier.PaillierPublicKey;
import io.he4j.paillier.WrongPassphraseException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Key files in a directory: {@value #PUBLIC_KEY_FILE} (the public key as is, {@link PaillierJson#publicKey})
 * and {@value #PRIVATE_KEY_FILE}: the private-key JSON sealed with AES-256-GCM (JDK) under a key derived from
 * the passphrase with Argon2id (BouncyCastle), random 16-byte salt and 12-byte nonce; every header field is
 * authenticated as associated data. The layout is in docs/paillier.md. A wrong passphrase or a modified file
 * gives {@link WrongPassphraseException}.
 */
public final class KeyFiles {
    public static final String PUBLIC_KEY_FILE = "paillier-public-key.json";
    public static final String PRIVATE_KEY_FILE = "paillier-private-key.json";
    public static final String SEALED_FORMAT = "he4j-paillier-encrypted-private-key";
    private static final String AEAD = "AES-256-GCM";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /** Writes both files (the private one owner-readable only where the file system allows). */
    public static void storeKeys(Path dir, PaillierKeyPair keys, char[] passphrase) {
        storeKeys(dir, keys, passphrase, Argon2Settings.DEFAULT);
    }

    public static void storeKeys(Path dir, PaillierKeyPair keys, char[] passphrase, Argon2Settings kdf) {
        byte[] sealed = seal(keys.privateKey(), passphrase, kdf);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PUBLIC_KEY_FILE), PaillierJson.publicKey(keys.publicKey()));
            Path tmp = dir.resolve(PRIVATE_KEY_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(tmp, sealed);
            Files.move(tmp, dir.resolve(PRIVATE_KEY_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key files in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static PaillierPublicKey loadPublicKey(Path dir) {
        Path f = dir.resolve(PUBLIC_KEY_FILE);
        return PaillierJson.readPublicKey(read(f, "public key"), f.toString());
    }

    /** Loads and opens the private key; checks that it matches the public-key file. */
    public static PaillierKeyPair loadKeys(Path dir, char[] passphrase) {
        PaillierPublicKey pub = loadPublicKey(dir);
        Path f = dir.resolve(PRIVATE_KEY_FILE);
        PaillierPrivateKey sk = open(read(f, "private key").getBytes(StandardCharsets.UTF_8), passphrase, f.toString());
        if (!sk.publicKey().equals(pub)) {
            sk.close();
            throw new io.he4j.paillier.KeyMismatchException(f + " belongs to public key " + sk.publicKey().id()
                    + ", but " + dir.resolve(PUBLIC_KEY_FILE) + " holds " + pub.id());
        }
        return new PaillierKeyPair(pub, sk);
    }

    private static String read(Path f, String what) {
        try {
            return Files.readString(f);
        } catch (NoSuchFileException e) {
            throw new PaillierException("no " + what + " file " + f + " (create one with 'he4j paillier keygen')");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The sealed private-key document. */
    public static byte[] seal(PaillierPrivateKey key, char[] passphrase, Argon2Settings kdf) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", SEALED_FORMAT);
        root.put("format_version", PaillierJson.VERSION);
        root.put("n", key.publicKey().n().toString());
        ObjectNode k = root.putObject("kdf");
        k.put("algorithm", "argon2id");
        k.put("version", 19);
        k.put("memory_kib", kdf.memoryKib());
        k.put("iterations", kdf.iterations());
        k.put("parallelism", kdf.parallelism());
        k.put("salt", Base64.getEncoder().encodeToString(salt));
        ObjectNode a = root.putObject("aead");
        a.put("algorithm", AEAD);
        a.put("nonce", Base64.getEncoder().encodeToString(nonce));
        byte[] plain = PaillierJson.privateKey(key);
        byte[] aeadKey = derive(passphrase, salt, kdf);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aeadKey, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData(root));
            root.put("ciphertext", Base64.getEncoder().encodeToString(c.doFinal(plain)));
            return MAPPER.writeValueAsBytes(root);
        } catch (GeneralSecurityException | IOException e) {
            throw new PaillierException("cannot seal the private key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(aeadKey, (byte) 0);
        }
    }

    /** Opens a sealed private-key document. */
    public static PaillierPrivateKey open(byte[] sealed, char[] passphrase, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(sealed);
        } catch (IOException e) {
            throw new MalformedInputException(source + " is not valid JSON");
        }
        if (root == null || !SEALED_FORMAT.equals(root.path("format").asText())
                || root.path("format_version").asInt(-1) != PaillierJson.VERSION) {
            throw new MalformedInputException(source + ": not an he4j sealed private key (format "
                    + SEALED_FORMAT + ", version " + PaillierJson.VERSION + ")");
        }
        JsonNode k = root.path("kdf");
        JsonNode a = root.path("aead");
        if (!"argon2id".equals(k.path("algorithm").asText()) || k.path("version").asInt() != 19
                || !AEAD.equals(a.path("algorithm").asText())) {
            throw new MalformedInputException(source + ": unsupported protection (expected argon2id v19 and "
                    + AEAD + ")");
        }
        Argon2Settings kdf = new Argon2Settings(k.path("memory_kib").asInt(), k.path("iterations").asInt(),
                k.path("parallelism").asInt());
        byte[] salt = base64(k, "salt", 16, source);
        byte[] nonce = base64(a, "nonce", 12, source);
        byte[] ct;
        try {
            ct = Base64.getDecoder().decode(root.path("ciphertext").asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(source + ": ciphertext is not base64");
        }
        byte[] aeadKey = derive(passphrase, salt, kdf);
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aeadKey, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(associatedData((ObjectNode) root));
            plain = c.doFinal(ct);
            return PaillierJson.readPrivateKey(plain, source);
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException("cannot open " + source + ": wrong passphrase, or the file was "
                    + "modified");
        } catch (GeneralSecurityException e) {
            throw new PaillierException("cannot open " + source + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(aeadKey, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Every header field, in a fixed order, so none can be changed without failing authentication. */
    private static byte[] associatedData(ObjectNode root) {
        JsonNode k = root.path("kdf");
        JsonNode a = root.path("aead");
        String s = String.join("|", root.path("format").asText(), root.path("format_version").asText(),
                root.path("n").asText(), k.path("algorithm").asText(), k.path("version").asText(),
                k.path("memory_kib").asText(), k.path("iterations").asText(), k.path("parallelism").asText(),
                k.path("salt").asText(), a.path("algorithm").asText(), a.path("nonce").asText());
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(char[] passphrase, byte[] salt, Argon2Settings kdf) {
        if (passphrase.length == 0) {
            throw new PaillierException("the passphrase must not be empty");
        }
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(kdf.memoryKib())
                .withIterations(kdf.iterations()).withParallelism(kdf.parallelism()).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] out = new byte[32];
        g.generateBytes(passphrase, out);
        return out;
    }

    private static byte[] base64(JsonNode n, String name, int length, String source) {
        try {
            byte[] b = Base64.getDecoder().decode(n.path(name).asText());
            if (b.length != length) {
                throw new MalformedInputException(source + ": " + name + " must be " + length + " bytes");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(source + ": " + name + " is not base64");
        }
    }
}
