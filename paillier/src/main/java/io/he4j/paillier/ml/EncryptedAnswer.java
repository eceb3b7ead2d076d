package io.he4j.paillier.ml;

import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.KeyMismatchException;
import io.he4j.paillier.PaillierPrivateKey;
import io.he4j.paillier.PaillierPublicKey;

import java.util.List;

/** The server's answer (answer.json): per row, the encrypted scores (logits, or the regression value). */
public record EncryptedAnswer(PaillierPublicKey publicKey, ModelOutput output, List<List<EncryptedNumber>> scores) {
    public EncryptedAnswer {
        scores = scores.stream().map(List::copyOf).toList();
    }

    /** The client's step: the decrypted scores of every row (checks the key and the overflow band). */
    public double[][] decrypt(PaillierPrivateKey key) {
        if (!key.publicKey().equals(publicKey)) {
            throw new KeyMismatchException("the answer is encrypted under key " + publicKey.id()
                    + ", not under the private key's " + key.publicKey().id());
        }
        // Every score in one batch: the exponentiations fill the multi-buffer kernel's lanes.
        double[] all = key.decryptAll(scores.stream().flatMap(List::stream).toList());
        double[][] out = new double[scores.size()][];
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[scores.get(i).size()];
            for (int o = 0; o < out[i].length; o++) {
                out[i][o] = all[next++];
            }
        }
        return out;
    }
}
