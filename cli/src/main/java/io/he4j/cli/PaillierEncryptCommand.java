package io.he4j.cli;

import io.he4j.ml.data.RawTable;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierPublicKey;
import io.he4j.paillier.io.KeyFiles;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.EncryptedRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** The client's first step: encrypts every feature of every CSV row into data.json. */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = "Encrypt the feature rows of a CSV file under a Paillier key into data.json.")
final class PaillierEncryptCommand implements Runnable {
    @Option(names = "--key", required = true, paramLabel = "DIR", description = "Key directory from 'keygen'.")
    Path keyDir;

    @Option(names = "--out", required = true, paramLabel = "data.json", description = "Encrypted rows to write.")
    Path out;

    @Mixin
    FeatureCsvOptions csv = new FeatureCsvOptions();

    @Option(names = "--public-key-only", description = "Encrypt with the public key alone (no passphrase; about "
            + "4x slower than the key owner's CRT encryption, same ciphertext distribution).")
    boolean publicKeyOnly;

    @Override
    public void run() {
        RawTable table = csv.read();
        if (publicKeyOnly) {
            PaillierPublicKey key = KeyFiles.loadPublicKey(keyDir);
            write(table, x -> EncryptedRow.encrypt(x, key::encrypt), key);
            return;
        }
        char[] passphrase = PaillierPassphrase.read(false);
        try (PaillierKeyPair keys = KeyFiles.loadKeys(keyDir, passphrase)) {
            // the owner's batched encryption: a row's randomizers in one pass of the IFMA kernel when present
            write(table, x -> EncryptedRow.encrypt(x, keys.privateKey()), keys.publicKey());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private void write(RawTable table, Function<double[], EncryptedRow> encrypt, PaillierPublicKey key) {
        double[][] x = table.features();
        List<EncryptedRow> rows = IntStream.range(0, x.length).parallel()
                .mapToObj(i -> encrypt.apply(x[i])).toList();
        try {
            Files.writeString(out, PaillierJson.data(new EncryptedData(key, table.featureNames(), rows), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        System.err.println("encrypted " + x.length + " rows x " + table.featureNames().size() + " features under "
                + key + " into " + out);
    }
}
