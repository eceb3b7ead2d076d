package io.he4j.cli;

import io.he4j.client.KeyFile;
import io.he4j.ml.MlException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The passphrase secret key files are sealed under ({@link KeyFile}): a file's first line, or the environment. */
final class KeyPassphrase {
    @Option(names = "--key-passphrase-file", paramLabel = "FILE", description = "Seal the key file under the "
            + "passphrase on FILE's first line (AES-256-GCM, PBKDF2). Default: the " + KeyFile.PASSPHRASE_ENV
            + " environment variable; with neither, the key file is owner-only but not sealed.")
    Optional<Path> file = Optional.empty();

    /** The passphrase, or null for none; the caller zeroes it. */
    char[] get() {
        if (file.isEmpty()) {
            return KeyFile.passphraseFromEnvironment();
        }
        try {
            String line = Files.readAllLines(file.get()).stream().findFirst().orElse("");
            if (line.isEmpty()) {
                throw new MlException("the passphrase file " + file.get() + " has an empty first line");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new MlException("cannot read the passphrase file " + file.get() + ": " + e.getMessage());
        }
    }

    /** Where a sealed-file error message sends the user. */
    static String hint() {
        return " (--key-passphrase-file FILE or " + KeyFile.PASSPHRASE_ENV + ")";
    }

    /** How a newly written key file is protected, for the message that names it. */
    static String protection(char[] passphrase) {
        return passphrase == null ? "owner-only, NOT sealed: --key-passphrase-file or " + KeyFile.PASSPHRASE_ENV
                + " seals key files under a passphrase" : "sealed under the passphrase";
    }
}
