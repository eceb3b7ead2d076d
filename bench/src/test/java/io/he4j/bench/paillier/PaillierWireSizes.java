package io.he4j.bench.paillier;

import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.io.PaillierBinary;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.paillier.ml.PaillierLinearModel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Bytes on the wire of one 13-feature prediction (Cleveland LR), per key size: data.json and answer.json as
 * the CLI writes them, and the compact binary ciphertext matrices. Also checks the decrypted logit against
 * the plaintext model. Usage: PaillierWireSizes OUT.json
 */
public final class PaillierWireSizes {
    private PaillierWireSizes() {
    }

    public static void main(String[] args) throws Exception {
        ClevelandLr lr = new ClevelandLr();
        PaillierLinearModel model = new PaillierLinearModel(lr.model);
        StringBuilder json = new StringBuilder("{");
        for (int bits : new int[]{2048, 3072}) {
            try (PaillierKeyPair keys = BenchKeys.he4j(bits)) {
                double[] x = lr.queries[0];
                EncryptedRow row = EncryptedRow.encrypt(x, keys.privateKey()::encrypt);
                EncryptedData data = new EncryptedData(keys.publicKey(), lr.model.featureNames(), List.of(row));
                String dataJson = PaillierJson.data(data, true);
                EncryptedAnswer answer = model.evaluate(PaillierJson.readData(dataJson, "data.json"));
                String answerJson = PaillierJson.answer(answer, true);
                byte[] dataBin = PaillierBinary.ciphertexts(keys.publicKey(), List.of(row.values()));
                List<Optional<EncryptedNumber>> scores = answer.scores().getFirst().stream().map(Optional::of).toList();
                byte[] answerBin = PaillierBinary.ciphertexts(keys.publicKey(), List.of(scores));
                double logit = PaillierJson.readAnswer(answerJson, "answer.json", keys.publicKey())
                        .decrypt(keys.privateKey())[0][0];
                double expected = lr.model.scores(x)[0];
                if (Math.abs(logit - expected) > 1e-9) {
                    throw new IllegalStateException("decrypted logit " + logit + " != " + expected);
                }
                json.append(bits == 2048 ? "" : ",").append('"').append(bits).append("\":{")
                        .append("\"data_json_bytes\":").append(dataJson.getBytes(StandardCharsets.UTF_8).length)
                        .append(",\"answer_json_bytes\":").append(answerJson.getBytes(StandardCharsets.UTF_8).length)
                        .append(",\"data_binary_bytes\":").append(dataBin.length)
                        .append(",\"answer_binary_bytes\":").append(answerBin.length)
                        .append(",\"logit_abs_error\":").append(Math.abs(logit - expected)).append('}');
            }
        }
        json.append('}');
        Files.writeString(Path.of(args[0]), json.toString());
        System.out.println(json);
    }
}
