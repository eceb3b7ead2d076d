package io.he4j.ml.he;

import io.he4j.ckks.PublicContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.he4j.ml.he.ModelPrivacyTest.c1;
import static io.he4j.ml.he.ModelPrivacyTest.mod;
import static io.he4j.ml.he.ModelPrivacyTest.replyBits;
import static io.he4j.ml.he.ModelPrivacyTest.tStatistic;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacker of model privacy's "same scores, same replies" check: models A and B give the same scores on a
 * query, the attacker knows W_A and compares each reply ciphertext's c1 with a W_A's (A's reply without privacy)
 * and the decrypted scores' noise, over {@value #REPLIES} private replies from each (Kolmogorov-Smirnov, two
 * samples); with privacy neither tells A from B, and without it (the control) the same statistic does.
 */
final class ReplyDistinguisher {
    static final int REPLIES = 40;

    private ReplyDistinguisher() {
    }

    /** Asserts the check for single queries of {@code a} and {@code b}; returns A's score errors (decrypted - plain). */
    static double[] assertIndistinguishable(String what, CompiledModel a, CompiledModel b, double[] query) {
        try (ModelClient client = ModelClient.create(a.manifest());
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow());
             ModelServer pa = ModelServer.create(a); ModelServer pb = ModelServer.create(b);
             ModelServer ta = ModelServer.withoutModelPrivacy(a); ModelServer tb = ModelServer.withoutModelPrivacy(b)) {
            byte[] q = client.encryptQuery(query);
            List<byte[]> reference = ta.evaluate(false, List.of(q), Optional.empty()).parts();
            int bits = replyBits(reference.getFirst());
            double plain = a.network().scores(query)[0];
            double[][] t = new double[2][];
            double[][] noise = new double[2][REPLIES];
            ModelServer[] servers = {pa, pb};
            for (int m = 0; m < 2; m++) {
                List<Double> diffs = new ArrayList<>();
                for (int i = 0; i < REPLIES; i++) {
                    List<byte[]> reply = servers[m].evaluate(false, List.of(q), Optional.of(keys)).parts();
                    for (int g = 0; g < reply.size(); g++) {
                        long[] c1 = c1(reply.get(g));
                        long[] ref = c1(reference.get(g));
                        for (int c = 0; c < c1.length; c += 8 * reply.size()) {
                            diffs.add(mod(c1[c] - ref[c], bits) / Math.scalb(1.0, bits));
                        }
                    }
                    noise[m][i] = client.decryptScores(reply)[0] - plain;
                }
                t[m] = diffs.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double d = KolmogorovSmirnov.twoSample(t[0], t[1]);
            assertTrue(d < KolmogorovSmirnov.C * Math.sqrt(2.0 / t[0].length), what + ": c1 - a W_A tells A from B: " + d);
            double dn = KolmogorovSmirnov.twoSample(noise[0], noise[1]);
            assertTrue(dn < KolmogorovSmirnov.C * Math.sqrt(2.0 / REPLIES), what + ": score noise tells A from B: " + dn);
            assertTrue(Arrays.stream(noise[0]).allMatch(v -> Math.abs(v) < 1e-4));
            // control: without privacy the same statistic separates A and B completely (in each ciphertext)
            List<byte[]> ctlB = tb.evaluate(false, List.of(q), Optional.empty()).parts();
            for (int g = 0; g < reference.size(); g++) {
                long[] ref = c1(reference.get(g));
                double[] ctlA = tStatistic(reference.get(g), ref, bits);
                double[] ctl = tStatistic(ctlB.get(g), ref, bits);
                assertTrue(KolmogorovSmirnov.twoSample(ctlA, ctl) > KolmogorovSmirnov.C * Math.sqrt(2.0 / ctlA.length),
                        what + ": control: the statistic should tell A from B without privacy, ciphertext " + g);
            }
            return noise[0];
        }
    }
}
