package io.he4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** ./he4j paillier: key generation, encryption, encrypted linear inference and decryption with Paillier. */
@Command(name = "paillier", mixinStandardHelpOptions = true,
        description = "Paillier (additively homomorphic) encrypted linear inference: keygen, encrypt, predict, decrypt.",
        subcommands = {PaillierKeygenCommand.class, PaillierEncryptCommand.class, PaillierPredictCommand.class,
                PaillierDecryptCommand.class})
final class PaillierCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
