package io.he4j.paillier.io;

import io.he4j.ml.model.OutputLink;
import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.KeyMismatchException;
import io.he4j.paillier.MalformedInputException;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import io.he4j.paillier.PaillierPublicKey;
import io.he4j.paillier.WrongPassphraseException;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.paillier.ml.ModelOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON, binary and key files: round trips, and every malformed input gives a clear exception. */
class InterchangeTest {
    private static final Argon2Settings FAST = new Argon2Settings(8 * 1024, 1, 1);
    private static PaillierKeyPair keys;
    private static PaillierKeyPair other;

    @BeforeAll
    static void keys() {
        keys = PaillierKeyPair.generate(PaillierKeySize.INSECURE_1024);
        other = PaillierKeyPair.generate(PaillierKeySize.INSECURE_1024);
    }

    private static EncryptedData data(PaillierKeyPair kp) {
        return new EncryptedData(kp.publicKey(), List.of("a", "b"), List.of(
                EncryptedRow.encrypt(new double[]{1.5, -2}, kp.publicKey()::encrypt),
                EncryptedRow.encrypt(new double[]{Double.NaN, 0}, kp.privateKey()::encrypt)));
    }

    @Test
    void publicKeyJsonAndBinaryRoundTrip() {
        PaillierPublicKey pk = keys.publicKey();
        assertEquals(pk, PaillierJson.readPublicKey(PaillierJson.publicKey(pk), "pk.json"));
        assertEquals(pk, PaillierBinary.readPublicKey(PaillierBinary.publicKey(pk)));
    }

    @Test
    void dataJsonRoundTripsAndRerandomizesNonFreshNumbers() {
        EncryptedData d = data(keys);
        EncryptedData back = PaillierJson.readData(PaillierJson.data(d, true), "data.json");
        assertEquals(List.of("a", "b"), back.featureNames());
        assertEquals(1.5, keys.privateKey().decrypt(back.rows().get(0).values().get(0).orElseThrow()));
        assertEquals(-2.0, keys.privateKey().decrypt(back.rows().get(0).values().get(1).orElseThrow()));
        assertTrue(back.rows().get(1).values().get(0).isEmpty());
        // fresh numbers are written as they are; computed ones get a new randomizer
        EncryptedNumber x = d.rows().getFirst().values().getFirst().orElseThrow();
        assertEquals(x.ciphertext(), back.rows().getFirst().values().getFirst().orElseThrow().ciphertext());
        EncryptedNumber sum = x.add(x);
        EncryptedAnswer a = new EncryptedAnswer(keys.publicKey(),
                new ModelOutput("linear_regression", OutputLink.IDENTITY, List.of()), List.of(List.of(sum)));
        EncryptedNumber sent = PaillierJson.readAnswer(PaillierJson.answer(a, true), "a.json", keys.publicKey())
                .scores().getFirst().getFirst();
        assertNotEquals(sum.ciphertext(), sent.ciphertext());
        assertEquals(3.0, keys.privateKey().decrypt(sent));
        EncryptedNumber raw = PaillierJson.readAnswer(PaillierJson.answer(a, false), "a.json", keys.publicKey())
                .scores().getFirst().getFirst();
        assertEquals(sum.ciphertext(), raw.ciphertext());
    }

    @Test
    void binaryCiphertextsRoundTripAndAreCompact() {
        EncryptedData d = data(keys);
        byte[] bin = PaillierBinary.ciphertexts(keys.publicKey(), d.rows().stream().map(EncryptedRow::values).toList());
        List<List<Optional<EncryptedNumber>>> back = PaillierBinary.readCiphertexts(bin, keys.publicKey());
        assertEquals(-2.0, keys.privateKey().decrypt(back.get(0).get(1).orElseThrow()));
        assertTrue(back.get(1).get(0).isEmpty());
        assertTrue(bin.length < PaillierJson.data(d, true).length() / 2, bin.length + " bytes");
        assertThrows(KeyMismatchException.class, () -> PaillierBinary.readCiphertexts(bin, other.publicKey()));
        assertThrows(MalformedInputException.class,
                () -> PaillierBinary.readCiphertexts(java.util.Arrays.copyOf(bin, bin.length - 1), keys.publicKey()));
        byte[] bad = bin.clone();
        bad[0] = 'X';
        assertThrows(MalformedInputException.class, () -> PaillierBinary.readCiphertexts(bad, keys.publicKey()));
    }

    @Test
    void malformedJsonGivesClearErrors() {
        String good = PaillierJson.data(data(keys), true);
        var e = assertThrows(MalformedInputException.class, () -> PaillierJson.readData("{\"format\": ", "d.json"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertThrows(MalformedInputException.class, () -> PaillierJson.readData("[]", "d.json"));
        assertThrows(MalformedInputException.class,
                () -> PaillierJson.readData(good.replace(PaillierJson.DATA, "other"), "d.json"));
        assertThrows(MalformedInputException.class,
                () -> PaillierJson.readData(good.replace("\"format_version\" : 1", "\"format_version\" : 9"), "d.json"));
        // a ciphertext >= n^2
        String c = keys.publicKey().nSquared().add(BigInteger.ONE).toString();
        String first = PaillierJson.readData(good, "d").rows().getFirst().values().getFirst().orElseThrow()
                .ciphertext().toString();
        var big = assertThrows(MalformedInputException.class,
                () -> PaillierJson.readData(good.replace(first, c), "d.json"));
        assertTrue(big.getMessage().contains("rows[0][0]") && big.getMessage().contains("out of range"),
                big.getMessage());
        // not coprime to n
        String p = keys.privateKey().primes()[0].toString();
        assertThrows(MalformedInputException.class, () -> PaillierJson.readData(good.replace(first, p), "d.json"));
        assertThrows(MalformedInputException.class, () -> PaillierJson.readData(good.replace(first, "-5"), "d.json"));
        assertThrows(MalformedInputException.class, () -> PaillierJson.readData(good.replace(first, "12x"), "d.json"));
    }

    @Test
    void answerUnderAnotherKeyIsRejected() {
        EncryptedAnswer a = new EncryptedAnswer(other.publicKey(),
                new ModelOutput("linear_regression", OutputLink.IDENTITY, List.of()),
                List.of(List.of(other.publicKey().encrypt(1))));
        String json = PaillierJson.answer(a, true);
        var e = assertThrows(KeyMismatchException.class, () -> PaillierJson.readAnswer(json, "a.json", keys.publicKey()));
        assertTrue(e.getMessage().contains(other.publicKey().id()), e.getMessage());
        assertThrows(KeyMismatchException.class, () -> a.decrypt(keys.privateKey()));
    }

    @Test
    void keyFilesRoundTripAndNeedThePassphrase(@TempDir Path dir) throws Exception {
        KeyFiles.storeKeys(dir, keys, "correct horse".toCharArray(), FAST);
        assertEquals(keys.publicKey(), KeyFiles.loadPublicKey(dir));
        try (PaillierKeyPair loaded = KeyFiles.loadKeys(dir, "correct horse".toCharArray())) {
            assertEquals(7.0, loaded.privateKey().decrypt(keys.publicKey().encrypt(7.0)));
        }
        var e = assertThrows(WrongPassphraseException.class, () -> KeyFiles.loadKeys(dir, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
        // the file holds neither prime in any usual notation
        String file = Files.readString(dir.resolve(KeyFiles.PRIVATE_KEY_FILE));
        for (BigInteger prime : keys.privateKey().primes()) {
            assertFalse(file.contains(prime.toString()));
            assertFalse(file.contains(prime.toString(16)));
            assertFalse(file.contains(java.util.Base64.getEncoder().encodeToString(prime.toByteArray())));
        }
        // tampering with an authenticated header field fails like a wrong passphrase
        Files.writeString(dir.resolve(KeyFiles.PRIVATE_KEY_FILE), file.replace("\"iterations\" : 1", "\"iterations\" : 2"));
        assertThrows(WrongPassphraseException.class, () -> KeyFiles.loadKeys(dir, "correct horse".toCharArray()));
        Files.writeString(dir.resolve(KeyFiles.PRIVATE_KEY_FILE), "{not json");
        assertThrows(MalformedInputException.class, () -> KeyFiles.loadKeys(dir, "correct horse".toCharArray()));
        // a private key that does not match the public-key file
        KeyFiles.storeKeys(dir.resolve("o"), other, "x".toCharArray(), FAST);
        Files.copy(dir.resolve("o").resolve(KeyFiles.PRIVATE_KEY_FILE), dir.resolve(KeyFiles.PRIVATE_KEY_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(KeyMismatchException.class, () -> KeyFiles.loadKeys(dir, "x".toCharArray()));
    }

    @Test
    void defaultArgon2SettingsWork(@TempDir Path dir) {
        KeyFiles.storeKeys(dir, keys, "pw".toCharArray());
        String file = new String(KeyFiles.seal(keys.privateKey(), "pw".toCharArray(), Argon2Settings.DEFAULT),
                StandardCharsets.UTF_8);
        assertTrue(file.contains("\"memory_kib\" : 65536"), file);
        try (PaillierKeyPair loaded = KeyFiles.loadKeys(dir, "pw".toCharArray())) {
            assertEquals(keys.publicKey(), loaded.publicKey());
        }
    }
}
