package io.he4j.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyFileTest {
    private static final byte[] KEYS = "secret key bytes: not really a key, but any bytes round-trip".getBytes();

    @TempDir
    Path dir;

    @Test
    void sealedFileOpensWithItsPassphraseOnlyAndHoldsNoPlaintext() throws Exception {
        Path f = dir.resolve("m.keys");
        KeyFile.write(f, KEYS.clone(), "correct horse".toCharArray());
        byte[] onDisk = Files.readAllBytes(f);
        assertTrue(KeyFile.isSealed(onDisk));
        assertFalse(contains(onDisk, Arrays.copyOf(KEYS, 16)), "plaintext keys on disk");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertArrayEquals(KEYS, KeyFile.read(f, "correct horse".toCharArray()).orElseThrow());

        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> KeyFile.read(f, "wrong horse".toCharArray()));
        assertTrue(wrong.getMessage().contains("does not open with this passphrase"), wrong.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> KeyFile.read(f));
        assertTrue(none.getMessage().contains("protected by a passphrase"), none.getMessage());
    }

    @Test
    void everyModifiedByteIsDetected() throws Exception {
        Path f = dir.resolve("m.keys");
        KeyFile.write(f, KEYS.clone(), "pw".toCharArray());
        byte[] good = Files.readAllBytes(f);
        // header fields after the magic (version, iterations, salt, nonce) and the body: each flip must fail
        for (int i : new int[] {8, 10, 13, 30, good.length - 1}) {
            byte[] bad = good.clone();
            bad[i] ^= 1;
            Files.write(f, bad);
            assertThrows(IllegalStateException.class, () -> KeyFile.read(f, "pw".toCharArray()), "byte " + i);
        }
        Files.write(f, Arrays.copyOf(good, 30));
        assertThrows(IllegalStateException.class, () -> KeyFile.read(f, "pw".toCharArray()));
    }

    @Test
    void twoSealsOfTheSameKeysDifferAndUnsealedFilesStayReadable() throws Exception {
        Path a = dir.resolve("a.keys");
        Path b = dir.resolve("b.keys");
        KeyFile.write(a, KEYS.clone(), "pw".toCharArray());
        KeyFile.write(b, KEYS.clone(), "pw".toCharArray());
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "salt and nonce must be fresh");

        Path plain = dir.resolve("plain.keys");
        byte[] keys = KEYS.clone();
        KeyFile.write(plain, keys);
        assertTrue(Arrays.equals(new byte[keys.length], keys), "the caller's array is zeroed");
        assertArrayEquals(KEYS, KeyFile.read(plain, "ignored for an unsealed file".toCharArray()).orElseThrow());
        assertTrue(KeyFile.read(dir.resolve("missing.keys"), null).isEmpty());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
