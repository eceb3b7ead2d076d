package io.he4j.paillier.io;

import io.he4j.paillier.MalformedInputException;

/**
 * Argon2id cost parameters for the passphrase of a private-key file. The default is the second recommended
 * option of RFC 9106 section 4 (64 MiB, 3 passes) with one lane. Bounds keep a hostile file from asking for
 * unbounded memory or time.
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) {
    public static final Argon2Settings DEFAULT = new Argon2Settings(64 * 1024, 3, 1);
    static final int MAX_MEMORY_KIB = 1024 * 1024;

    public Argon2Settings {
        if (memoryKib < 8 * 1024 || memoryKib > MAX_MEMORY_KIB || iterations < 1 || iterations > 64
                || parallelism < 1 || parallelism > 16) {
            throw new MalformedInputException("Argon2id settings out of bounds: memory 8 MiB..1 GiB, iterations "
                    + "1..64, parallelism 1..16; got " + memoryKib + " KiB, " + iterations + ", " + parallelism);
        }
    }
}
