package io.he4j.bench.paillier;

import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import io.he4j.paillier.PaillierPrivateKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark key per size, shared by both libraries (same modulus) and by every fork, so forks do not
 * spend minutes generating keys. Stored in plain text under target/: throwaway keys, never used for data.
 */
final class BenchKeys {
    private BenchKeys() {
    }

    /** {p, q}. */
    static synchronized BigInteger[] primes(int bits) {
        Path f = Path.of(System.getProperty("he4j.bench.keys", "target"), "paillier-bench-key-" + bits + ".txt");
        try {
            if (Files.exists(f)) {
                List<String> l = Files.readAllLines(f);
                return new BigInteger[]{new BigInteger(l.get(0)), new BigInteger(l.get(1))};
            }
            try (PaillierKeyPair kp = PaillierKeyPair.generate(PaillierKeySize.ofBits(bits))) {
                BigInteger[] pq = kp.privateKey().primes();
                Files.createDirectories(f.toAbsolutePath().getParent());
                Files.writeString(f, pq[0] + "\n" + pq[1] + "\n");
                return pq;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PaillierKeyPair he4j(int bits) {
        BigInteger[] pq = primes(bits);
        PaillierPrivateKey sk = PaillierPrivateKey.fromPrimes(pq[0], pq[1]);
        return new PaillierKeyPair(sk.publicKey(), sk);
    }

    static com.n1analytics.paillier.PaillierPrivateKey javallier(int bits) {
        BigInteger[] pq = primes(bits);
        BigInteger n = pq[0].multiply(pq[1]);
        BigInteger totient = pq[0].subtract(BigInteger.ONE).multiply(pq[1].subtract(BigInteger.ONE));
        return new com.n1analytics.paillier.PaillierPrivateKey(new com.n1analytics.paillier.PaillierPublicKey(n), totient);
    }
}
