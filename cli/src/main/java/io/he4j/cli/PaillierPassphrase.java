package io.he4j.cli;

import io.he4j.paillier.PaillierException;

import java.io.Console;
import java.util.Arrays;
import java.util.function.Supplier;

/** The private-key passphrase: from the HE4J_PASSPHRASE environment variable, else asked on the console. */
final class PaillierPassphrase {
    static final String ENV = "HE4J_PASSPHRASE";
    /** Replaced by tests (the environment cannot be set from inside the JVM). */
    static Supplier<String> environment = () -> System.getenv(ENV);

    private PaillierPassphrase() {
    }

    /** @param confirm ask twice on the console (for a new key) */
    static char[] read(boolean confirm) {
        String env = environment.get();
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console c = System.console();
        if (c == null) {
            throw new PaillierException("no passphrase: set " + ENV + " or run in a terminal to be asked");
        }
        char[] p = c.readPassword("Passphrase for the Paillier private key: ");
        if (p == null || p.length == 0) {
            throw new PaillierException("the passphrase must not be empty");
        }
        if (confirm) {
            char[] again = c.readPassword("Repeat the passphrase: ");
            boolean same = Arrays.equals(p, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(p, '\0');
                throw new PaillierException("the passphrases differ");
            }
        }
        return p;
    }
}
