package io.he4j.cli;

import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import io.he4j.paillier.io.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** Generates a key pair and writes the public key and the passphrase-sealed private key. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a Paillier key pair: DIR/" + KeyFiles.PUBLIC_KEY_FILE + " and DIR/"
                + KeyFiles.PRIVATE_KEY_FILE + " (sealed under a passphrase from $" + PaillierPassphrase.ENV
                + " or the console).")
final class PaillierKeygenCommand implements Runnable {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the key files.")
    Path out;

    @Option(names = "--bits", defaultValue = "3072", paramLabel = "BITS",
            description = "Modulus size: 3072 (default, 128-bit security), 2048, 4096; 1024 for tests only.")
    int bits;

    @Override
    public void run() {
        PaillierKeySize size = PaillierKeySize.ofBits(bits);
        if (size == PaillierKeySize.INSECURE_1024) {
            System.err.println("warning: a 1024-bit modulus is not secure; use it for tests only");
        }
        char[] passphrase = PaillierPassphrase.read(true);
        try (PaillierKeyPair keys = PaillierKeyPair.generate(size)) {
            KeyFiles.storeKeys(out, keys, passphrase);
            System.err.println("wrote " + out.resolve(KeyFiles.PUBLIC_KEY_FILE) + " and "
                    + out.resolve(KeyFiles.PRIVATE_KEY_FILE) + " (" + keys.publicKey() + ")");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
