package io.he4j.paillier.ml;

import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.PaillierPrivateKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * One encrypted feature row. A missing value (NaN in the CSV) is sent as empty: the server imputes it with the
 * model's training mean in plaintext. This reveals WHICH features of the row are missing (never a value).
 */
public record EncryptedRow(List<Optional<EncryptedNumber>> values) {
    public EncryptedRow {
        values = List.copyOf(values);
    }

    /** Encrypts a raw row; {@code encrypt} is e.g. {@code privateKey::encrypt} (the owner's fast path). */
    public static EncryptedRow encrypt(double[] raw, DoubleFunction<EncryptedNumber> encrypt) {
        List<Optional<EncryptedNumber>> v = new ArrayList<>(raw.length);
        for (double x : raw) {
            v.add(Double.isNaN(x) ? Optional.empty() : Optional.of(encrypt.apply(x)));
        }
        return new EncryptedRow(v);
    }

    /** Encrypts a raw row with the key owner's batched encryption ({@link PaillierPrivateKey#encryptAll}). */
    public static EncryptedRow encrypt(double[] raw, PaillierPrivateKey key) {
        double[] present = Arrays.stream(raw).filter(x -> !Double.isNaN(x)).toArray();
        Iterator<EncryptedNumber> enc = key.encryptAll(present).iterator();
        List<Optional<EncryptedNumber>> v = new ArrayList<>(raw.length);
        for (double x : raw) {
            v.add(Double.isNaN(x) ? Optional.empty() : Optional.of(enc.next()));
        }
        return new EncryptedRow(v);
    }

    public int size() {
        return values.size();
    }
}
