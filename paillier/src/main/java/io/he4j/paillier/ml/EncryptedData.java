package io.he4j.paillier.ml;

import io.he4j.paillier.PaillierPublicKey;

import java.util.List;

/** The client's query (data.json): its public key, the feature names and the encrypted rows. */
public record EncryptedData(PaillierPublicKey publicKey, List<String> featureNames, List<EncryptedRow> rows) {
    public EncryptedData {
        featureNames = List.copyOf(featureNames);
        rows = List.copyOf(rows);
    }
}
