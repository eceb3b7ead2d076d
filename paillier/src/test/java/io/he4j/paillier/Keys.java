package io.he4j.paillier;

import java.util.EnumMap;
import java.util.Map;

/** Key pairs generated once per test JVM (key generation is the slow part). */
final class Keys {
    private static final Map<PaillierKeySize, PaillierKeyPair> CACHE = new EnumMap<>(PaillierKeySize.class);

    private Keys() {
    }

    static synchronized PaillierKeyPair of(PaillierKeySize size) {
        return CACHE.computeIfAbsent(size, PaillierKeyPair::generate);
    }

    static PaillierKeyPair small() {
        return of(PaillierKeySize.INSECURE_1024);
    }

    static TextbookPaillier reference(PaillierKeyPair kp) {
        var pq = kp.privateKey().primes();
        return new TextbookPaillier(pq[0], pq[1]);
    }
}
